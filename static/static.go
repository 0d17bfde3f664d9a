// Package static embeds the portal's CSS, JavaScript and images.
package static

import (
	"bytes"
	"compress/gzip"
	"embed"
	"encoding/json"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strconv"
	"strings"

	"kakehashi/internal/taxonomy"
)

//go:embed css js favicon.svg
var files embed.FS

// generated are files made from the code at start: the sector picker's
// search index (every NACE division's code and labels in all languages),
// kept out of the profile form's HTML, where it would triple the size.
var generated = map[string][]byte{"js/sectors.json": sectorIndex()}

func sectorIndex() []byte {
	m := map[string]string{}
	for _, d := range taxonomy.Divisions() {
		m[d.Code] = strings.ToLower(d.Code + " " + d.Label.DE + " " + d.Label.EN + " " + d.Label.JA)
	}
	b, err := json.Marshal(m)
	if err != nil {
		panic(err)
	}
	return b
}

// gzipped holds each file compressed once at start, by path: text files
// shrink to a fraction and compressing them per request would waste CPU.
var gzipped = compressAll()

func compressAll() map[string][]byte {
	out := map[string][]byte{}
	add := func(p string, raw []byte) {
		var b bytes.Buffer
		w, _ := gzip.NewWriterLevel(&b, gzip.BestCompression)
		w.Write(raw)
		w.Close()
		if b.Len() < len(raw) {
			out[p] = b.Bytes()
		}
	}
	_ = fs.WalkDir(files, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		raw, err := files.ReadFile(p)
		if err == nil {
			add(p, raw)
		}
		return err
	})
	for p, raw := range generated {
		add(p, raw)
	}
	return out
}

// Handler serves the embedded files, compressed when the browser accepts
// it. They change only with a new binary, so browsers may cache them for a
// day.
func Handler() http.Handler {
	fsrv := http.FileServer(http.FS(files))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Cache-Control", "public, max-age=86400")
		name := strings.TrimPrefix(path.Clean("/"+r.URL.Path), "/")
		if gz, ok := gzipped[name]; ok {
			h.Add("Vary", "Accept-Encoding")
			if AcceptsGzip(r.Header.Get("Accept-Encoding")) && r.Header.Get("Range") == "" {
				h.Set("Content-Type", mime.TypeByExtension(path.Ext(name)))
				h.Set("Content-Encoding", "gzip")
				h.Set("Content-Length", strconv.Itoa(len(gz)))
				if r.Method != http.MethodHead {
					w.Write(gz)
				}
				return
			}
		}
		if raw, ok := generated[name]; ok {
			h.Set("Content-Type", mime.TypeByExtension(path.Ext(name)))
			h.Set("Content-Length", strconv.Itoa(len(raw)))
			if r.Method != http.MethodHead {
				w.Write(raw)
			}
			return
		}
		fsrv.ServeHTTP(w, r)
	})
}

// AcceptsGzip reads Accept-Encoding: gzip (or *) with a q-value above 0.
func AcceptsGzip(header string) bool {
	for _, part := range strings.Split(header, ",") {
		name, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		name = strings.ToLower(strings.TrimSpace(name))
		if name != "gzip" && name != "*" {
			continue
		}
		q := 1.0
		if v, ok := strings.CutPrefix(strings.TrimSpace(params), "q="); ok {
			if f, err := strconv.ParseFloat(strings.TrimSpace(v), 64); err == nil {
				q = f
			}
		}
		return q > 0
	}
	return false
}
