// Package static embeds the portal's CSS, JavaScript and images.
package static

import (
	"embed"
	"net/http"
)

//go:embed css js favicon.svg
var files embed.FS

// Handler serves the embedded files. They change only with a new binary,
// so browsers may cache them for a day.
func Handler() http.Handler {
	fs := http.FileServer(http.FS(files))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "public, max-age=86400")
		fs.ServeHTTP(w, r)
	})
}
