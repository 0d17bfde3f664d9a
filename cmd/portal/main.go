// Command portal runs the Kakehashi NRW–Tokyo matchmaking portal and its
// maintenance commands. See `portal help` and the README.
package main

import (
	"context"
	"os"

	"golang.org/x/term"

	"kakehashi/internal/cli"
)

func main() {
	os.Exit(cli.Main(context.Background(), os.Args[1:], cli.Env{
		Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr,
		Getenv: os.Getenv, StdinIsTTY: term.IsTerminal(int(os.Stdin.Fd())),
	}))
}
