package mail_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/emersion/go-message"
	gomail "github.com/emersion/go-message/mail"

	"spil/internal/apperr"
	"spil/internal/mail"
	"spil/internal/mail/mailtest"
)

func onBehalf() mail.Message {
	return mail.Message{
		From:    mail.Address{Name: "Director Jansen", Email: "director@example.org"},
		Sender:  mail.Address{Name: "Assistent Ünal", Email: "assistant@example.org"},
		To:      []mail.Address{{Name: "Piet", Email: "piet@example.com"}},
		Cc:      []mail.Address{{Email: "kees@example.net"}},
		Bcc:     []mail.Address{{Email: "archive@example.org"}},
		Subject: "Overleg — kwartaalcijfers",
		Text:    "Beste Piet,\n\nTot donderdag.\n",
		HTML:    "<p>Beste Piet,</p><p>Tot donderdag.</p>",
		Parts:   []mail.Part{{ContentType: "text/calendar", Params: map[string]string{"method": "REQUEST", "charset": "UTF-8"}, Body: []byte("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n")}},
		Attachments: []mail.Attachment{
			{Filename: "invite.ics", ContentType: "application/ics", Body: []byte("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n")},
		},
		Date:      time.Date(2026, 3, 20, 9, 0, 0, 0, time.UTC),
		MessageID: "m1@example.org",
	}
}

// part is a flattened MIME tree: "multipart/mixed[multipart/alternative[…],…]".
func structure(t *testing.T, e *message.Entity) string {
	t.Helper()
	mt, _, _ := e.Header.ContentType()
	mr := e.MultipartReader()
	if mr == nil {
		return mt
	}
	var kids []string
	for {
		p, err := mr.NextPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		kids = append(kids, structure(t, p))
	}
	return mt + "[" + strings.Join(kids, ",") + "]"
}

func TestSendOnBehalfRoundTrip(t *testing.T) {
	srv := mailtest.Start(t, mailtest.Options{})
	s := mail.NewSMTP(srv.Config(t))
	if err := s.Send(context.Background(), onBehalf()); err != nil {
		t.Fatalf("Send: %v", err)
	}
	got := srv.Messages()
	if len(got) != 1 {
		t.Fatalf("received %d messages, want 1", len(got))
	}
	r := got[0]
	if r.From != "assistant@example.org" {
		t.Errorf("MAIL FROM %q, want the assistant (Sender)", r.From)
	}
	if want := []string{"piet@example.com", "kees@example.net", "archive@example.org"}; strings.Join(r.To, " ") != strings.Join(want, " ") {
		t.Errorf("RCPT TO %v, want %v", r.To, want)
	}
	if !bytes.Contains(r.Data, []byte("\r\n")) || bytes.Contains(bytes.ReplaceAll(r.Data, []byte("\r\n"), nil), []byte("\n")) {
		t.Errorf("message lines do not all end in CRLF")
	}
	mr, err := gomail.CreateReader(bytes.NewReader(r.Data))
	if err != nil {
		t.Fatal(err)
	}
	h := mr.Header
	from, _ := h.AddressList("From")
	sender, _ := h.AddressList("Sender")
	if len(from) != 1 || from[0].Address != "director@example.org" || from[0].Name != "Director Jansen" {
		t.Errorf("From %v, want the director", from)
	}
	if len(sender) != 1 || sender[0].Address != "assistant@example.org" || sender[0].Name != "Assistent Ünal" {
		t.Errorf("Sender %v, want the assistant", sender)
	}
	if subj, _ := h.Subject(); subj != "Overleg — kwartaalcijfers" {
		t.Errorf("Subject %q", subj)
	}
	if h.Get("Bcc") != "" || bytes.Contains(r.Data, []byte("archive@")) {
		t.Errorf("the Bcc recipient shows in the message")
	}
	if id, _ := h.MessageID(); id != "m1@example.org" {
		t.Errorf("Message-ID %q", id)
	}
	e, err := message.Read(bytes.NewReader(r.Data))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := structure(t, e), "multipart/mixed[multipart/alternative[text/plain,text/html,text/calendar],application/ics]"; got != want {
		t.Errorf("MIME structure\n got %s\nwant %s", got, want)
	}
	if !bytes.Contains(r.Data, []byte(`Content-Type: text/calendar; charset=UTF-8; method=REQUEST`)) &&
		!bytes.Contains(r.Data, []byte(`Content-Type: text/calendar; method=REQUEST; charset=UTF-8`)) {
		t.Errorf("no text/calendar part with method=REQUEST:\n%s", r.Data)
	}
	if !bytes.Contains(r.Data, []byte(`Content-Disposition: attachment; filename=invite.ics`)) {
		t.Errorf("no invite.ics attachment:\n%s", r.Data)
	}
}

func TestSendPlainTextOnly(t *testing.T) {
	srv := mailtest.Start(t, mailtest.Options{})
	m := mail.Message{From: mail.Address{Email: "director@example.org"}, Sender: mail.Address{Email: "Director@example.org"},
		To: []mail.Address{{Email: "piet@example.com"}}, Subject: "Hoi", Text: "Hallo"}
	if err := mail.NewSMTP(srv.Config(t)).Send(context.Background(), m); err != nil {
		t.Fatal(err)
	}
	r := srv.Messages()[0]
	e, err := message.Read(bytes.NewReader(r.Data))
	if err != nil {
		t.Fatal(err)
	}
	if got := structure(t, e); got != "text/plain" {
		t.Errorf("structure %s, want text/plain", got)
	}
	if e.Header.Get("Sender") != "" {
		t.Errorf("Sender equal to From was written: %q", e.Header.Get("Sender"))
	}
	body, _ := io.ReadAll(e.Body)
	if string(body) != "Hallo\r\n" {
		t.Errorf("body %q", body)
	}
}

func TestSendStartTLSWithAuth(t *testing.T) {
	srv := mailtest.Start(t, mailtest.Options{TLS: mail.TLSStartTLS, User: "spil", Password: "p@ss:word"})
	if err := mail.NewSMTP(srv.Config(t)).Send(context.Background(), onBehalf()); err != nil {
		t.Fatalf("Send: %v", err)
	}
	r := srv.Messages()[0]
	if !r.TLS || r.User != "spil" {
		t.Errorf("received with TLS=%v user=%q, want TLS as user spil", r.TLS, r.User)
	}
}

func TestSendImplicitTLS(t *testing.T) {
	srv := mailtest.Start(t, mailtest.Options{TLS: mail.TLSImplicit, User: "spil", Password: "x"})
	if err := mail.NewSMTP(srv.Config(t)).Send(context.Background(), onBehalf()); err != nil {
		t.Fatalf("Send: %v", err)
	}
	if r := srv.Messages()[0]; !r.TLS {
		t.Errorf("not received over TLS")
	}
}

func TestSendWrongPasswordIsPermanent(t *testing.T) {
	srv := mailtest.Start(t, mailtest.Options{TLS: mail.TLSStartTLS, User: "spil", Password: "right"})
	cfg := srv.Config(t)
	cfg.Password = "wrong"
	err := mail.NewSMTP(cfg).Send(context.Background(), onBehalf())
	var se *mail.SendError
	if !errors.As(err, &se) || se.Stage != "AUTH" || se.Code != 535 || mail.IsTemporary(err) {
		t.Fatalf("err = %v, want a permanent 535 at AUTH", err)
	}
}

func TestSendUntrustedCertificateIsPermanent(t *testing.T) {
	srv := mailtest.Start(t, mailtest.Options{TLS: mail.TLSStartTLS})
	cfg := srv.Config(t)
	cfg.TLSConfig = nil // the system roots do not know the test certificate
	err := mail.NewSMTP(cfg).Send(context.Background(), onBehalf())
	if err == nil || mail.IsTemporary(err) || len(srv.Messages()) != 0 {
		t.Fatalf("err = %v, want a permanent TLS error and nothing delivered", err)
	}
}

func TestSendRelayWithoutStartTLS(t *testing.T) {
	srv := mailtest.Start(t, mailtest.Options{})
	cfg := srv.Config(t)
	cfg.TLS = mail.TLSStartTLS
	err := mail.NewSMTP(cfg).Send(context.Background(), onBehalf())
	if err == nil || mail.IsTemporary(err) || !strings.Contains(err.Error(), "does not offer STARTTLS") {
		t.Fatalf("err = %v, want a permanent error saying STARTTLS is missing", err)
	}
	if len(srv.Messages()) != 0 {
		t.Errorf("the message went out unencrypted")
	}
}

func TestSendRelayUnreachableIsTemporary(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close() // nobody listens there now: connection refused
	cfg, err := mail.ParseURL("smtp://" + addr)
	if err != nil {
		t.Fatal(err)
	}
	err = mail.NewSMTP(cfg).Send(context.Background(), onBehalf())
	var se *mail.SendError
	if !errors.As(err, &se) || se.Stage != "connect" || !mail.IsTemporary(err) {
		t.Fatalf("err = %v, want a temporary error at connect", err)
	}
	if !strings.Contains(err.Error(), addr) {
		t.Errorf("error %q does not name the relay %s", err, addr)
	}
}

func TestSendRelayThatNeverAnswersTimesOut(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			defer c.Close() // accept, never greet
		}
	}()
	cfg, _ := mail.ParseURL("smtp://" + ln.Addr().String() + "?timeout=200ms")
	err = mail.NewSMTP(cfg).Send(context.Background(), onBehalf())
	if err == nil || !mail.IsTemporary(err) {
		t.Fatalf("err = %v, want a temporary timeout", err)
	}
}

func TestSendCancelled(t *testing.T) {
	srv := mailtest.Start(t, mailtest.Options{})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	err := mail.NewSMTP(srv.Config(t)).Send(ctx, onBehalf())
	if !errors.Is(err, context.Canceled) || !mail.IsTemporary(err) {
		t.Fatalf("err = %v, want a temporary context.Canceled", err)
	}
}

func TestSendRefusedRecipient(t *testing.T) {
	for _, tc := range []struct {
		code int
		temp bool
	}{{550, false}, {451, true}} {
		srv := mailtest.Start(t, mailtest.Options{Refuse: map[string]int{"kees@example.net": tc.code}})
		err := mail.NewSMTP(srv.Config(t)).Send(context.Background(), onBehalf())
		var se *mail.SendError
		if !errors.As(err, &se) || se.Code != tc.code || se.Recipient != "kees@example.net" || se.Stage != "RCPT TO" {
			t.Fatalf("%d: err = %v, want a refusal of kees@example.net at RCPT TO", tc.code, err)
		}
		if mail.IsTemporary(err) != tc.temp {
			t.Errorf("%d: IsTemporary = %v, want %v", tc.code, mail.IsTemporary(err), tc.temp)
		}
		if !strings.Contains(err.Error(), "refused kees@example.net") {
			t.Errorf("%d: message %q does not name the recipient", tc.code, err)
		}
		if n := len(srv.Messages()); n != 0 {
			t.Errorf("%d: %d messages delivered, want none (all or nothing)", tc.code, n)
		}
	}
}

func TestSendRefusedData(t *testing.T) {
	for _, tc := range []struct {
		code int
		temp bool
	}{{554, false}, {452, true}} {
		srv := mailtest.Start(t, mailtest.Options{DataCode: tc.code})
		err := mail.NewSMTP(srv.Config(t)).Send(context.Background(), onBehalf())
		var se *mail.SendError
		if !errors.As(err, &se) || se.Code != tc.code || se.Stage != "DATA" || mail.IsTemporary(err) != tc.temp {
			t.Fatalf("%d: err = %v (temporary %v), want code %d at DATA, temporary %v", tc.code, err, mail.IsTemporary(err), tc.code, tc.temp)
		}
	}
}

func TestSendInvalidMessageSendsNothing(t *testing.T) {
	srv := mailtest.Start(t, mailtest.Options{})
	m := onBehalf()
	m.To = append(m.To, mail.Address{Email: "piet@"})
	err := mail.NewSMTP(srv.Config(t)).Send(context.Background(), m)
	if apperr.KindOf(err) != apperr.Invalid || mail.IsTemporary(err) {
		t.Fatalf("err = %v, want a permanent Invalid error", err)
	}
	if msg := apperr.FieldsOf(err)["to[1]"]; !strings.Contains(msg, `"piet@"`) {
		t.Errorf("to[1]: %q, want it to name the address", msg)
	}
	if len(srv.Messages()) != 0 {
		t.Errorf("an invalid message was sent")
	}
}

func TestEnvelopeFromOverride(t *testing.T) {
	srv := mailtest.Start(t, mailtest.Options{})
	cfg := srv.Config(t)
	cfg.EnvelopeFrom = "bounces@example.org"
	if err := mail.NewSMTP(cfg).Send(context.Background(), onBehalf()); err != nil {
		t.Fatal(err)
	}
	if r := srv.Messages()[0]; r.From != "bounces@example.org" {
		t.Errorf("MAIL FROM %q, want the configured bounce address", r.From)
	}
}
