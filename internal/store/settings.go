package store

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
)

// Secret returns the installation's secret of the given name, creating a
// random one of 32 bytes on first use. Concurrent first uses by several
// instances agree: the first insert wins and everyone reads it back.
func (s *Store) Secret(ctx context.Context, name string) ([]byte, error) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return nil, err
	}
	db := s.conn(ctx)
	if err := db.Exec(`INSERT INTO settings (name, value) VALUES (?, ?) ON CONFLICT (name) DO NOTHING`,
		"secret:"+name, hex.EncodeToString(b)).Error; err != nil {
		return nil, fmt.Errorf("secret %s: %w", name, err)
	}
	var v string
	if err := db.Raw(`SELECT value FROM settings WHERE name = ?`, "secret:"+name).Scan(&v).Error; err != nil {
		return nil, fmt.Errorf("secret %s: %w", name, err)
	}
	key, err := hex.DecodeString(v)
	if err != nil || len(key) < 16 {
		return nil, fmt.Errorf("secret %s: stored value unusable", name)
	}
	return key, nil
}
