// Package mailtest runs a real SMTP server (emersion/go-smtp) on loopback
// for tests of spil's mail: it stores what it receives, can refuse
// recipients or messages with given reply codes, and can require TLS and
// a password like a production relay.
package mailtest

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"io"
	"math/big"
	"net"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"

	"spil/internal/mail"
)

// Options shape the server.
type Options struct {
	// Refuse maps a recipient address (lower case) to the reply code its
	// RCPT TO gets, e.g. 550 or 451.
	Refuse map[string]int
	// DataCode, when not zero, is the reply to the end of DATA (e.g. 451
	// or 554): the message is then not stored.
	DataCode int
	// User and Password, when User is set, require AUTH PLAIN.
	User, Password string
	// TLS selects mail.TLSStartTLS or mail.TLSImplicit with a self-signed
	// certificate for 127.0.0.1; "" or mail.TLSNone for plain SMTP.
	TLS string
}

// Received is one accepted message.
type Received struct {
	From string   // MAIL FROM
	To   []string // RCPT TO, in order
	Data []byte   // the message as received
	TLS  bool     // whether the session was encrypted
	User string   // the authenticated user, "" without AUTH
}

// Server is a running loopback SMTP server.
type Server struct {
	opts     Options
	addr     *net.TCPAddr
	clientCA *x509.CertPool

	mu   sync.Mutex
	msgs []Received
}

// Start starts a server on 127.0.0.1 and stops it when t ends.
func Start(t testing.TB, opts Options) *Server {
	t.Helper()
	s := &Server{opts: opts}
	srv := smtp.NewServer(smtp.BackendFunc(func(c *smtp.Conn) (smtp.Session, error) {
		_, tlsOn := c.TLSConnectionState()
		return &session{s: s, tls: tlsOn}, nil
	}))
	srv.Domain = "localhost"
	srv.AllowInsecureAuth = opts.TLS == "" || opts.TLS == mail.TLSNone
	srv.ReadTimeout = time.Minute
	srv.WriteTimeout = time.Minute
	srv.MaxMessageBytes = 10 << 20
	srv.ErrorLog = nopLogger{}
	var ln net.Listener
	var err error
	switch opts.TLS {
	case "", mail.TLSNone:
		ln, err = net.Listen("tcp", "127.0.0.1:0")
	case mail.TLSStartTLS, mail.TLSImplicit:
		var cfg *tls.Config
		cfg, s.clientCA = selfSigned(t)
		srv.TLSConfig = cfg
		if opts.TLS == mail.TLSImplicit {
			ln, err = tls.Listen("tcp", "127.0.0.1:0", cfg)
		} else {
			ln, err = net.Listen("tcp", "127.0.0.1:0")
		}
	default:
		t.Fatalf("mailtest: unknown TLS mode %q", opts.TLS)
	}
	if err != nil {
		t.Fatalf("mailtest: listen: %v", err)
	}
	s.addr = ln.Addr().(*net.TCPAddr)
	done := make(chan struct{})
	go func() {
		defer close(done)
		_ = srv.Serve(ln)
	}()
	t.Cleanup(func() {
		srv.Close()
		ln.Close() // in case Serve had not registered it yet
		<-done
	})
	return s
}

// URL is the server's relay URL, as SPIL_SMTP_URL would give it.
func (s *Server) URL() string {
	u := url.URL{Scheme: "smtp", Host: s.addr.String()}
	if s.opts.TLS == mail.TLSImplicit {
		u.Scheme = "smtps"
	}
	if s.opts.User != "" {
		u.User = url.UserPassword(s.opts.User, s.opts.Password)
	}
	if s.opts.TLS == mail.TLSStartTLS {
		u.RawQuery = "starttls=1"
	}
	return u.String()
}

// Config parses URL and trusts the server's certificate.
func (s *Server) Config(t testing.TB) mail.Config {
	t.Helper()
	cfg, err := mail.ParseURL(s.URL())
	if err != nil {
		t.Fatalf("mailtest: %v", err)
	}
	if s.clientCA != nil {
		cfg.TLSConfig = &tls.Config{RootCAs: s.clientCA}
	}
	return cfg
}

// Messages returns the messages accepted so far.
func (s *Server) Messages() []Received {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Received(nil), s.msgs...)
}

type session struct {
	s    *Server
	tls  bool
	user string
	from string
	to   []string
}

func (x *session) AuthMechanisms() []string {
	if x.s.opts.User == "" {
		return nil
	}
	return []string{sasl.Plain}
}

func (x *session) Auth(mech string) (sasl.Server, error) {
	return sasl.NewPlainServer(func(identity, user, pass string) error {
		if user != x.s.opts.User || pass != x.s.opts.Password {
			return &smtp.SMTPError{Code: 535, EnhancedCode: smtp.EnhancedCode{5, 7, 8}, Message: "bad credentials"}
		}
		x.user = user
		return nil
	}), nil
}

func (x *session) Mail(from string, _ *smtp.MailOptions) error {
	if x.s.opts.User != "" && x.user == "" {
		return &smtp.SMTPError{Code: 530, EnhancedCode: smtp.EnhancedCode{5, 7, 0}, Message: "authentication required"}
	}
	x.from = from
	return nil
}

func (x *session) Rcpt(to string, _ *smtp.RcptOptions) error {
	if code := x.s.opts.Refuse[strings.ToLower(to)]; code != 0 {
		return &smtp.SMTPError{Code: code, EnhancedCode: smtp.EnhancedCode{code / 100, 1, 1}, Message: "mailbox " + to + " refused"}
	}
	x.to = append(x.to, to)
	return nil
}

func (x *session) Data(r io.Reader) error {
	b, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	if c := x.s.opts.DataCode; c != 0 {
		return &smtp.SMTPError{Code: c, EnhancedCode: smtp.EnhancedCode{c / 100, 3, 0}, Message: "message refused (" + strconv.Itoa(c) + ")"}
	}
	x.s.mu.Lock()
	x.s.msgs = append(x.s.msgs, Received{From: x.from, To: append([]string(nil), x.to...), Data: b, TLS: x.tls, User: x.user})
	x.s.mu.Unlock()
	return nil
}

func (x *session) Reset() { x.from, x.to = "", nil }

func (x *session) Logout() error { return nil }

type nopLogger struct{}

func (nopLogger) Printf(string, ...any) {}
func (nopLogger) Println(...any)        {}

// selfSigned makes a server certificate for 127.0.0.1 and a pool that
// trusts it.
func selfSigned(t testing.TB) (*tls.Config, *x509.CertPool) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber:          big.NewInt(1),
		Subject:               pkix.Name{CommonName: "mailtest"},
		NotBefore:             time.Now().Add(-time.Hour),
		NotAfter:              time.Now().Add(24 * time.Hour),
		IPAddresses:           []net.IP{net.IPv4(127, 0, 0, 1)},
		DNSNames:              []string{"localhost"},
		KeyUsage:              x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign,
		ExtKeyUsage:           []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		BasicConstraintsValid: true,
		IsCA:                  true,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	pool := x509.NewCertPool()
	pool.AddCert(cert)
	return &tls.Config{Certificates: []tls.Certificate{{Certificate: [][]byte{der}, PrivateKey: key, Leaf: cert}}}, pool
}
