package smtptest

import (
	"bufio"
	"bytes"
	"encoding/base64"
	"errors"
	"net"
	"strings"
	"time"
)

const (
	maxLine = 1000             // RFC 5321 command line limit, CRLF included
	maxData = 10 << 20         // bytes of message data
	idle    = 30 * time.Second // a stuck client must not hang the test's cleanup forever
)

var errTooLong = errors.New("line too long")

// session is one client connection.
type session struct {
	srv  *Server
	conn net.Conn
	r    *bufio.Reader
	w    *bufio.Writer

	helo     string
	authUser string
	from     string
	to       []string
	inMail   bool
}

func (c *session) reply(lines ...string) {
	for i, l := range lines {
		sep := " "
		if i < len(lines)-1 {
			sep = "-" // multi-line reply, RFC 5321 4.2
		}
		c.w.WriteString(l[:3] + sep + l[4:] + "\r\n")
	}
	c.w.Flush()
}

func (c *session) reset() { c.from, c.to, c.inMail = "", nil, false }

func (c *session) serve() {
	c.reply("220 smtptest ESMTP ready")
	for {
		_ = c.conn.SetDeadline(time.Now().Add(idle))
		line, err := c.readLine()
		if errors.Is(err, errTooLong) {
			c.reply("500 5.5.2 line too long")
			continue
		}
		if err != nil {
			return
		}
		verb, arg, _ := strings.Cut(line, " ")
		switch strings.ToUpper(verb) {
		case "EHLO":
			c.helo = arg
			c.reset()
			ext := []string{"250 smtptest greets " + arg, "250 8BITMIME"}
			if c.srv.user != "" {
				ext = append(ext, "250 AUTH PLAIN")
			}
			c.reply(append(ext, "250 HELP")...)
		case "HELO":
			c.helo = arg
			c.reset()
			c.reply("250 smtptest")
		case "AUTH":
			c.auth(arg)
		case "MAIL":
			c.mail(arg)
		case "RCPT":
			c.rcpt(arg)
		case "DATA":
			if c.data() != nil {
				return
			}
		case "RSET":
			c.reset()
			c.reply("250 2.0.0 OK")
		case "NOOP":
			c.reply("250 2.0.0 OK")
		case "QUIT":
			c.reply("221 2.0.0 bye")
			return
		default:
			c.reply("502 5.5.1 command not implemented")
		}
	}
}

func (c *session) auth(arg string) {
	mech, initial, _ := strings.Cut(arg, " ")
	switch {
	case c.srv.user == "" || !strings.EqualFold(mech, "PLAIN"):
		c.reply("504 5.5.4 mechanism not supported")
		return
	case c.authUser != "":
		c.reply("503 5.5.1 already authenticated")
		return
	}
	if initial == "" {
		c.reply("334 ")
		line, err := c.readLine()
		if err != nil {
			return
		}
		initial = line
	}
	raw, err := base64.StdEncoding.DecodeString(initial)
	parts := strings.Split(string(raw), "\x00")
	if err != nil || len(parts) != 3 || parts[1] != c.srv.user || parts[2] != c.srv.password {
		c.reply("535 5.7.8 authentication credentials invalid")
		return
	}
	c.authUser = parts[1]
	c.reply("235 2.7.0 authentication successful")
}

func (c *session) mail(arg string) {
	addr, ok := pathArg(arg, "FROM:")
	switch {
	case c.helo == "":
		c.reply("503 5.5.1 say EHLO first")
	case c.srv.user != "" && c.authUser == "":
		c.reply("530 5.7.0 authentication required")
	case c.inMail:
		c.reply("503 5.5.1 nested MAIL command")
	case !ok:
		c.reply("501 5.5.4 syntax: MAIL FROM:<address>")
	default:
		c.from, c.inMail = addr, true
		c.reply("250 2.1.0 OK")
	}
}

func (c *session) rcpt(arg string) {
	addr, ok := pathArg(arg, "TO:")
	switch {
	case !c.inMail:
		c.reply("503 5.5.1 need MAIL first")
	case !ok || addr == "":
		c.reply("501 5.5.4 syntax: RCPT TO:<address>")
	case c.srv.rejectRcpt():
		c.reply("550 5.1.1 <" + addr + ">: Recipient address rejected: User unknown")
	default:
		c.to = append(c.to, addr)
		c.reply("250 2.1.5 OK")
	}
}

// data reads the message up to the lone "." line, removing the extra dot
// that the client put before lines starting with one. A non-nil error means
// the connection is unusable.
func (c *session) data() error {
	if len(c.to) == 0 {
		c.reply("503 5.5.1 need RCPT first")
		return nil
	}
	c.reply("354 end data with <CR><LF>.<CR><LF>")
	var buf bytes.Buffer
	tooBig, atStart := false, true
	for {
		chunk, err := c.r.ReadSlice('\n')
		partial := errors.Is(err, bufio.ErrBufferFull) // over-long line, more follows
		if err != nil && !partial {
			return err
		}
		if atStart {
			if string(chunk) == ".\r\n" {
				break
			}
			if chunk[0] == '.' {
				chunk = chunk[1:]
			}
		}
		atStart = !partial
		if buf.Len()+len(chunk) > maxData {
			tooBig = true // keep reading to the end, then refuse
			continue
		}
		buf.Write(chunk)
	}
	m := Received{Helo: c.helo, AuthUser: c.authUser, From: c.from, To: c.to, Data: buf.Bytes()}
	c.reset()
	switch {
	case tooBig:
		c.reply("552 5.3.4 message too big")
	case c.srv.deliver(m):
		c.reply("451 4.3.0 temporary failure, try again later (smtptest)")
	default:
		c.reply("250 2.0.0 OK queued")
	}
	return nil
}

// readLine reads one CRLF-terminated command line without its line ending.
// An over-long line is read to its end and reported as errTooLong.
func (c *session) readLine() (string, error) {
	var b []byte
	tooLong := false
	for {
		chunk, err := c.r.ReadSlice('\n')
		if !tooLong {
			b = append(b, chunk...)
			tooLong = len(b) > maxLine
		}
		if errors.Is(err, bufio.ErrBufferFull) {
			continue
		}
		if err != nil {
			return "", err
		}
		if tooLong {
			return "", errTooLong
		}
		return strings.TrimRight(string(b), "\r\n"), nil
	}
}

// pathArg extracts the address from "FROM:<a@b> BODY=8BITMIME"; the
// parameters are accepted and ignored.
func pathArg(arg, prefix string) (string, bool) {
	if len(arg) < len(prefix) || !strings.EqualFold(arg[:len(prefix)], prefix) {
		return "", false
	}
	rest := strings.TrimLeft(arg[len(prefix):], " ")
	if !strings.HasPrefix(rest, "<") {
		return "", false
	}
	end := strings.IndexByte(rest, '>')
	if end < 0 {
		return "", false
	}
	return rest[1:end], true
}
