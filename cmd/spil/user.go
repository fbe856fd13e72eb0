package main

import (
	"bufio"
	"context"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"spil/internal/authz"
	"spil/internal/org"
)

// stringList is a repeatable string flag.
type stringList []string

func (l *stringList) String() string     { return strings.Join(*l, ",") }
func (l *stringList) Set(v string) error { *l = append(*l, v); return nil }

// readPassword takes SPIL_PASSWORD, else the first line of stdin when it is
// not a terminal, else generates one; generated tells whether to print it.
func readPassword(getenv func(string) string, stdin io.Reader) (pw string, generated bool, err error) {
	if v := getenv("SPIL_PASSWORD"); v != "" {
		return v, false, nil
	}
	if f, ok := stdin.(*os.File); ok {
		if st, err := f.Stat(); err == nil && st.Mode()&os.ModeCharDevice != 0 {
			stdin = nil
		}
	}
	if stdin != nil {
		line, err := bufio.NewReader(stdin).ReadString('\n')
		if err != nil && !errors.Is(err, io.EOF) {
			return "", false, err
		}
		if line = strings.TrimRight(line, "\r\n"); line != "" {
			return line, false, nil
		}
	}
	return randomPassword(), true, nil
}

func randomPassword() string {
	b := make([]byte, 15)
	rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}

func cmdUser(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		return errors.New("usage: spil user add|reset-password --email E …")
	}
	sub, args := args[0], args[1:]
	var email, name, orgName, lang, tz string
	var roles stringList
	cfg, _, err := parseConfig("user "+sub, args, getenv, stderr, func(fs *flag.FlagSet) {
		fs.StringVar(&email, "email", "", "e-mail address (login)")
		if sub == "add" {
			fs.StringVar(&name, "name", "", "display name")
			fs.Var(&roles, "role", "role key, repeatable (default admin): admin, office_manager, management_assistant, principal, employee, support_staff")
			fs.StringVar(&orgName, "organization", "", "organization name, when the database is still empty")
			fs.StringVar(&lang, "language", "nl", "organization language on an empty database (nl or en)")
			fs.StringVar(&tz, "time-zone", "Europe/Amsterdam", "organization time zone on an empty database")
		}
	})
	if err != nil {
		return err
	}
	if email == "" {
		return errors.New("--email is required")
	}
	a, err := openServices(ctx, cfg, stderr)
	if err != nil {
		return err
	}
	defer a.Close()
	sys := authz.System("spil user " + sub)
	switch sub {
	case "add":
		pw, generated, err := readPassword(getenv, stdin)
		if err != nil {
			return err
		}
		ok, err := a.Org.IsSetUp(ctx)
		if err != nil {
			return err
		}
		if !ok {
			if orgName == "" {
				return errors.New("the database is empty: give --organization NAME to set up the organization with this first administrator")
			}
			if _, err := a.Org.Setup(ctx, org.SetupInput{OrganizationName: orgName, Language: lang, TimeZone: tz,
				AdminName: name, AdminEmail: email, AdminPassword: pw}); err != nil {
				return err
			}
			fmt.Fprintf(stdout, "organization %q set up with administrator %s\n", orgName, email)
		} else {
			if len(roles) == 0 {
				roles = stringList{authz.RoleAdmin}
			}
			p, err := a.Org.CreatePerson(ctx, sys, org.PersonInput{Name: name, Email: email, Roles: roles})
			if err != nil {
				return err
			}
			if err := a.Identity.SetPassword(ctx, sys, p.ID, pw); err != nil {
				return err
			}
			fmt.Fprintf(stdout, "added %s <%s> with roles %s\n", p.Name, p.Email, strings.Join(p.Roles, ", "))
		}
		if generated {
			fmt.Fprintf(stdout, "password: %s\n", pw)
		}
		return nil
	case "reset-password":
		p, err := a.Org.PersonByEmail(ctx, sys, email)
		if err != nil {
			return fmt.Errorf("no person with e-mail %s: %w", email, err)
		}
		pw, generated, err := readPassword(getenv, stdin)
		if err != nil {
			return err
		}
		if err := a.Identity.SetPassword(ctx, sys, p.ID, pw); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "password of %s reset; their sessions have ended\n", email)
		if generated {
			fmt.Fprintf(stdout, "password: %s\n", pw)
		}
		return nil
	}
	return fmt.Errorf("unknown command 'user %s'", sub)
}

func cmdToken(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	if len(args) == 0 || args[0] != "create" {
		return errors.New("usage: spil token create --email E [--name NAME]")
	}
	var email, name string
	cfg, _, err := parseConfig("token create", args[1:], getenv, stderr, func(fs *flag.FlagSet) {
		fs.StringVar(&email, "email", "", "whose token")
		fs.StringVar(&name, "name", "command line", "a name to recognise the token by")
	})
	if err != nil {
		return err
	}
	if email == "" {
		return errors.New("--email is required")
	}
	a, err := openServices(ctx, cfg, stderr)
	if err != nil {
		return err
	}
	defer a.Close()
	sys := authz.System("spil token create")
	p, err := a.Org.PersonByEmail(ctx, sys, email)
	if err != nil {
		return fmt.Errorf("no person with e-mail %s: %w", email, err)
	}
	actor, err := a.Resolver.Resolve(ctx, p.ID, authz.ViaSystem)
	if err != nil {
		return err
	}
	token, _, err := a.Identity.CreateToken(ctx, actor, name)
	if err != nil {
		return err
	}
	fmt.Fprintln(stdout, token)
	return nil
}
