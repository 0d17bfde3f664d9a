package store_test

import (
	"bytes"
	"context"
	"testing"

	"kakehashi/internal/store"
	"kakehashi/internal/store/storetest"
)

// Every instance on one database reads the same secret: the first to ask
// creates it, later ones (and later starts) get it back.
func TestSecretIsSharedByInstances(t *testing.T) {
	ctx := context.Background()
	dsn := storetest.DSN(t)
	var keys [][]byte
	for i := 0; i < 2; i++ {
		st, err := store.Open(dsn)
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		if _, err := st.Migrate(ctx); err != nil {
			t.Fatal(err)
		}
		k, err := st.Secret(ctx, "form-stamp")
		if err != nil {
			t.Fatal(err)
		}
		keys = append(keys, k)
	}
	if len(keys[0]) != 32 || !bytes.Equal(keys[0], keys[1]) {
		t.Fatalf("instances got different secrets: %x / %x", keys[0], keys[1])
	}
	st := storetest.Open(t)
	if other, _ := st.Secret(ctx, "form-stamp"); bytes.Equal(other, keys[0]) {
		t.Fatal("another installation got the same secret")
	}
}
