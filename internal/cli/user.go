package cli

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"strings"
	"time"

	"golang.org/x/term"

	"kakehashi/internal/account"
	"kakehashi/internal/app"
	"kakehashi/internal/i18n"
)

func runUser(ctx context.Context, env Env, args []string) error {
	if len(args) == 0 || args[0] != "add" {
		return fmt.Errorf("%w: portal user add --email E --role desk|staff|admin [--municipality KEY]", errUsage)
	}
	fs := newFlagSet("user add", env)
	var set settings
	set.register(fs, env)
	email := fs.String("email", "", "e-mail address of the new account (required)")
	role := fs.String("role", "", "desk, staff or admin (required)")
	muni := fs.String("municipality", "", "municipality key, required for staff (e.g. duesseldorf)")
	lang := fs.String("lang", "de", "language of the account's e-mails: de, en or ja")
	if err := fs.Parse(args[1:]); err != nil {
		return err
	}
	if *email == "" || *role == "" || fs.NArg() != 0 {
		return fmt.Errorf("%w: portal user add --email E --role desk|staff|admin [--municipality KEY]", errUsage)
	}
	pw, err := readPassword(env)
	if err != nil {
		return err
	}
	a, closeDB, err := openApp(ctx, &set, env)
	if err != nil {
		return err
	}
	defer closeDB()
	u, problems, err := a.CreateStaff(ctx, nil, app.NewStaff{Email: *email, Password: pw, Role: account.Role(*role), Municipality: *muni, Lang: *lang})
	if err != nil {
		return err
	}
	if len(problems) > 0 {
		for _, p := range problems {
			fmt.Fprintf(env.Stderr, "%s: %s\n", p.Field, i18n.TMap("en", "err."+p.Code, p.Args))
		}
		return fmt.Errorf("account not created")
	}
	fmt.Fprintf(env.Stdout, "created %s account %s (id %d)\n", u.Role, u.Email, u.ID)
	return nil
}

// readPassword prompts on a terminal without echo, or reads the first line
// of standard input when it is not a terminal (scripts, CI).
func readPassword(env Env) (string, error) {
	if env.StdinIsTTY {
		fmt.Fprint(env.Stderr, "Password: ")
		b, err := term.ReadPassword(int(os.Stdin.Fd()))
		fmt.Fprintln(env.Stderr)
		return string(b), err
	}
	line, err := bufio.NewReader(env.Stdin).ReadString('\n')
	if err != nil && line == "" {
		return "", fmt.Errorf("no password on standard input")
	}
	return strings.TrimRight(line, "\r\n"), nil
}

// runTOTPCode prints the current two-factor code of a secret, for trying the
// demo agency accounts without an authenticator app.
func runTOTPCode(ctx context.Context, env Env, args []string) error {
	fs := newFlagSet("totp-code", env)
	if err := fs.Parse(args); err != nil {
		return err
	}
	secret := app.DemoTOTPSecret
	if fs.NArg() == 1 {
		secret = fs.Arg(0)
	} else if fs.NArg() > 1 {
		return fmt.Errorf("%w: portal totp-code [SECRET]", errUsage)
	}
	code := account.TOTPCode(secret, account.TOTPStep(time.Now()))
	if code == "" {
		return fmt.Errorf("%w: not a base32 secret", errUsage)
	}
	fmt.Fprintln(env.Stdout, code)
	return nil
}
