# The targets are the commands of the README.
.PHONY: run test generate check lint ci

run:            ## run the portal with demo data on http://localhost:8080
	go run ./cmd/portal

test:           ## every test (the README's test command)
	go test ./...

generate:       ## regenerate templ components after editing *.templ
	go tool templ generate

check:          ## what CI checks besides the tests
	go tool templ generate
	@test -z "$$(git status --porcelain -- '*_templ.go')" || (echo "generated templ files are stale: commit them"; git status --porcelain -- '*_templ.go'; exit 1)
	@test -z "$$(gofmt -l $$(git ls-files '*.go'))" || (echo "gofmt needed:"; gofmt -l $$(git ls-files '*.go'); exit 1)
	go vet ./...

ci:             ## what .ci/run does
	bash .ci/run
