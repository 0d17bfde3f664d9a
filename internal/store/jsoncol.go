package store

import (
	"database/sql/driver"
	"encoding/json"
	"fmt"
)

// jsonCol stores a Go value as JSON text: lists and per-language texts are
// always read and written whole with their row.
type jsonCol[T any] struct{ V T }

func (j jsonCol[T]) Value() (driver.Value, error) {
	b, err := json.Marshal(j.V)
	if err != nil {
		return nil, err
	}
	return string(b), nil
}

func (j *jsonCol[T]) Scan(src any) error {
	var b []byte
	switch v := src.(type) {
	case nil:
		var zero T
		j.V = zero
		return nil
	case string:
		b = []byte(v)
	case []byte:
		b = v
	default:
		return fmt.Errorf("jsonCol: cannot scan %T", src)
	}
	return json.Unmarshal(b, &j.V)
}
