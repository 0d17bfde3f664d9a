package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"kakehashi/internal/app"
	"kakehashi/internal/company"
	"kakehashi/internal/firstcontact"
)

// contactClient fills the public first-contact form like a person: it
// fetches the form, then moves the portal's clock on by a few seconds before
// sending it, so the time trap lets it through without the test sleeping.
type contactClient struct{ b *browser }

func newContactClient(h *harness, lang string) *contactClient {
	return &contactClient{b: h.browser(lang)}
}

// advanceClock moves the portal's clock d ahead of where it is.
func advanceClock(h *harness, d time.Duration) {
	skew := h.app.Now().Sub(time.Now()) + d
	h.app.Now = func() time.Time { return time.Now().Add(skew) }
}

// form fetches the form and returns its time-trap token.
func (cc *contactClient) form() (*page, string) {
	cc.b.h.t.Helper()
	p := cc.b.get("/" + cc.b.lang + "/contact")
	if p.status != http.StatusOK {
		cc.b.h.t.Fatalf("contact form: %d", p.status)
	}
	tok, ok := p.doc.Find(`form[data-testid=first-contact] input[name=started]`).Attr("value")
	if !ok || tok == "" {
		cc.b.h.t.Fatal("no time-trap token in the form")
	}
	return p, tok
}

// send fetches the form, waits (on the portal's clock) and submits v.
func (cc *contactClient) send(v url.Values) *page {
	cc.b.h.t.Helper()
	_, tok := cc.form()
	advanceClock(cc.b.h, 5*time.Second)
	if _, ok := v["started"]; !ok {
		v.Set("started", tok)
	}
	return cc.b.post("/"+cc.b.lang+"/contact", v)
}

func tokyoEnquiry() url.Values {
	return url.Values{
		"name": {"多摩フォトニクス株式会社"}, "region": {"tokyo"},
		"what_they_do":  {"マイクロ光学部品とレンズを設計・製造しています。医療機器メーカー向けの光学センサーが主力です。"},
		"looking_for":   {"ドイツでの販売拠点と、光学技術の研究パートナーを探しています。"},
		"contact_name":  {"佐藤 美咲"},
		"contact_email": {"misaki.sato@tama-photonics.example"},
		"contact_phone": {"+81 3 1234 5678"},
		"consent":       {"yes"},
	}
}

func firstContacts(t *testing.T, h *harness) []firstcontact.Request {
	t.Helper()
	list, err := h.app.Store.FirstContacts(context.Background(), "", 100)
	if err != nil {
		t.Fatal(err)
	}
	return list
}

func outboxCount(t *testing.T, h *harness) int {
	t.Helper()
	msgs, _, err := h.app.Store.OutboxPage(context.Background(), 0, 1000)
	if err != nil {
		t.Fatal(err)
	}
	return len(msgs)
}

// A Tokyo firm writes in Japanese; the desk finds the enquiry in its inbox
// with suggested municipalities and reasons, and the firm gets a Japanese
// acknowledgement that repeats nothing it typed.
func TestFirstContactReachesDeskInbox(t *testing.T) {
	h := newHarness(t, true)
	cc := newContactClient(h, "ja")
	form, _ := cc.form()
	pot := form.doc.Find(`input[name=website]`)
	wrap := pot.Parent()
	if _, hidden := wrap.Attr("hidden"); !hidden || wrap.AttrOr("aria-hidden", "") != "true" ||
		pot.AttrOr("tabindex", "") != "-1" || pot.AttrOr("autocomplete", "") != "off" {
		t.Error("honeypot field is not hidden from people")
	}
	if form.doc.Find(`footer a[href="/ja/contact"]`).Length() != 1 {
		t.Error("no footer link to the contact form")
	}

	p := cc.send(tokyoEnquiry())
	if p.status != http.StatusOK || !strings.Contains(p.body, "お問い合わせありがとうございます") {
		t.Fatalf("submit: %d\n%s", p.status, p.text("main"))
	}
	list := firstContacts(t, h)
	if len(list) != 1 {
		t.Fatalf("%d requests stored", len(list))
	}
	r := list[0]
	if r.State != firstcontact.New || r.Lang != "ja" || r.Region != company.RegionTokyo || r.ConsentVersion != h.app.Cfg.ConsentVersion || r.ConsentAt.IsZero() {
		t.Errorf("stored %+v", r)
	}
	if len(r.Suggested) == 0 || len(r.Suggested) > 3 {
		t.Fatalf("suggested %v", r.Suggested)
	}
	subject, body, _ := h.lastMailTo("misaki.sato@tama-photonics.example")
	if !strings.Contains(subject, "お問い合わせ") || !strings.Contains(body, "受け付けました") {
		t.Errorf("acknowledgement %q\n%s", subject, body)
	}
	if strings.Contains(body, "多摩") || strings.Contains(body, "佐藤") || strings.Contains(body, "光学") {
		t.Error("acknowledgement repeats what was typed")
	}

	desk := h.browser("en")
	desk.login("desk@nrw-global-business.example", app.DemoPassword)
	inbox := desk.get("/en/staff/inbox")
	if inbox.status != 200 || !strings.Contains(inbox.text("[data-testid=first-contacts] tbody"), "多摩フォトニクス株式会社") {
		t.Fatalf("inbox: %d", inbox.status)
	}
	if n := desk.get("/en/staff/inbox?state=closed"); n.doc.Find("[data-testid=first-contacts]").Length() != 0 {
		t.Error("state filter shows new enquiries as closed")
	}
	item := desk.get("/en/staff/inbox/" + strconv.FormatInt(r.ID, 10))
	if item.status != 200 {
		t.Fatalf("detail: %d", item.status)
	}
	cards := item.doc.Find("[data-testid=suggested] li.card")
	if cards.Length() != len(r.Suggested) {
		t.Fatalf("%d suggestions shown, %d stored", cards.Length(), len(r.Suggested))
	}
	if k := cards.First().AttrOr("data-key", ""); k != r.Suggested[0] {
		t.Errorf("first suggestion %q, stored %q", k, r.Suggested[0])
	}
	if cards.First().Find("ul.reasons li").Length() == 0 || strings.Contains(cards.Text(), "[reason.") {
		t.Errorf("no translated reasons: %q", cards.First().Text())
	}
	if !strings.Contains(item.body, "misaki.sato@tama-photonics.example") || !strings.Contains(item.body, "ドイツでの販売拠点") {
		t.Error("detail lacks the request")
	}
}

// Bots fill the honeypot (told success, nothing kept), send the form at once
// or without a valid stamp (asked to try again, nothing kept).
func TestFirstContactSpamDefences(t *testing.T) {
	h := newHarness(t, true)
	mails := outboxCount(t, h)

	bot := newContactClient(h, "en")
	v := tokyoEnquiry()
	v.Set("website", "http://spam.example")
	if p := bot.send(v); p.status != http.StatusOK || !strings.Contains(p.body, "Thank you for your enquiry") {
		t.Errorf("honeypot: %d", p.status)
	}

	_, tok := bot.form()
	for name, tt := range map[string]struct {
		token string
		want  string
	}{
		"too fast": {tok, "quicker than we expected"},
		"missing":  {"", "could not verify"},
		"tampered": {strings.Replace(tok, tok[:3], "999", 1), "could not verify"},
		"garbage":  {"hello", "could not verify"},
	} {
		v := tokyoEnquiry()
		v.Set("started", tt.token)
		p := bot.b.post("/en/contact", v)
		if p.status != http.StatusUnprocessableEntity || !strings.Contains(p.text("[data-testid=form-problem]"), tt.want) {
			t.Errorf("%s: %d %q", name, p.status, p.text("[data-testid=form-problem]"))
		}
		// What was typed stays, with a fresh token to send again.
		if p.doc.Find(`input[name=name]`).AttrOr("value", "") != "多摩フォトニクス株式会社" ||
			p.doc.Find(`input[name=started]`).AttrOr("value", "") == "" {
			t.Errorf("%s: form not kept", name)
		}
	}
	// An old form has expired.
	advanceClock(h, 25*time.Hour)
	v = tokyoEnquiry()
	v.Set("started", tok)
	if p := bot.b.post("/en/contact", v); p.status != http.StatusUnprocessableEntity || !strings.Contains(p.body, "expired") {
		t.Errorf("expired token: %d", p.status)
	}

	if n := len(firstContacts(t, h)); n != 0 {
		t.Errorf("%d spam requests stored", n)
	}
	if n := outboxCount(t, h); n != mails {
		t.Errorf("%d mails queued for spam", n-mails)
	}
}

// One address may send five enquiries an hour; then it gets a translated 429.
func TestFirstContactRateLimit(t *testing.T) {
	h := newHarness(t, false)
	cc := newContactClient(h, "de")
	for i := range 5 {
		v := tokyoEnquiry()
		v.Set("consent", "") // invalid ones count too
		if p := cc.send(v); p.status != http.StatusUnprocessableEntity {
			t.Fatalf("submission %d: %d", i+1, p.status)
		}
	}
	p := cc.send(tokyoEnquiry())
	if p.status != http.StatusTooManyRequests || !strings.Contains(p.body, "Zu viele Anfragen") {
		t.Fatalf("sixth submission: %d %q", p.status, p.text("h1"))
	}
	if ra, err := strconv.Atoi(p.header.Get("Retry-After")); err != nil || ra <= 0 || ra > 3600 {
		t.Errorf("Retry-After %q", p.header.Get("Retry-After"))
	}
	// An hour later the address may write again.
	advanceClock(h, time.Hour)
	if p := cc.send(tokyoEnquiry()); p.status != http.StatusOK {
		t.Errorf("after an hour: %d", p.status)
	}
}

// Field errors appear in the page's language and the typed values stay.
func TestFirstContactValidationKeepsInput(t *testing.T) {
	h := newHarness(t, false)
	cc := newContactClient(h, "de")
	v := url.Values{
		"name": {"Rheinoptik GmbH"}, "region": {"nrw"}, "what_they_do": {"Wir bauen Linsen."},
		"looking_for": {strings.Repeat("x", firstcontact.MaxLookingFor+1)}, "contact_email": {"kein-mail"},
		"contact_phone": {"bitte anrufen"},
	}
	p := cc.send(v)
	if p.status != http.StatusUnprocessableEntity {
		t.Fatalf("status %d", p.status)
	}
	for field, want := range map[string]string{
		"contact_name": "Bitte füllen Sie dieses Feld aus.", "contact_email": "E-Mail", "contact_phone": "Telefonnummer",
		"looking_for": "höchstens 500 Zeichen", "consent": "",
	} {
		id := "#f-" + strings.ReplaceAll(field, "_", "-") + "-error"
		if got := p.text(id); got == "" || !strings.Contains(got, want) {
			t.Errorf("%s: error %q, want %q", field, got, want)
		}
	}
	if p.doc.Find("#error-summary li").Length() != 5 {
		t.Errorf("summary lists %d errors", p.doc.Find("#error-summary li").Length())
	}
	if p.doc.Find(`input[name=name]`).AttrOr("value", "") != "Rheinoptik GmbH" ||
		p.text(`textarea[name=what_they_do]`) != "Wir bauen Linsen." ||
		p.doc.Find(`input[name=contact_email]`).AttrOr("value", "") != "kein-mail" ||
		p.doc.Find(`input[name=region][value=nrw]`).AttrOr("checked", "no") == "no" {
		t.Error("typed values lost")
	}
	if len(firstContacts(t, h)) != 0 {
		t.Error("invalid request stored")
	}
}

func TestFirstContactInboxAccess(t *testing.T) {
	h := newHarness(t, true)
	newContactClient(h, "en").send(tokyoEnquiry())
	id := strconv.FormatInt(firstContacts(t, h)[0].ID, 10)
	for _, who := range []string{"tokyo@company.example", "nrw@company.example", "staff@aachen.example"} {
		b := h.browser("en")
		b.login(who, app.DemoPassword)
		for _, path := range []string{"/en/staff/inbox", "/en/staff/inbox/" + id} {
			if p := b.get(path); p.status != http.StatusForbidden {
				t.Errorf("%s GET %s: %d", who, path, p.status)
			}
		}
		if p := b.post("/en/staff/inbox/"+id+"/close", url.Values{}); p.status != http.StatusForbidden {
			t.Errorf("%s closes: %d", who, p.status)
		}
	}
	anon := h.browser("en")
	if p := anon.get("/en/staff/inbox"); !strings.HasSuffix(p.url.Path, "/login") {
		t.Errorf("visitor sees the inbox: %d %s", p.status, p.url)
	}
	admin := h.browser("en")
	admin.login("admin@kakehashi.example", app.DemoPassword)
	if p := admin.get("/en/staff/inbox/" + id); p.status != 200 {
		t.Errorf("admin: %d", p.status)
	}
	if p := admin.get("/en/staff/inbox/999999"); p.status != http.StatusNotFound {
		t.Errorf("missing enquiry: %d", p.status)
	}
	if got := firstContacts(t, h)[0].State; got != firstcontact.New {
		t.Errorf("state changed by refused requests: %s", got)
	}
}

// The desk answers, invites and converts; each queues the right mail in the
// firm's language and moves the request on.
func TestFirstContactDeskActions(t *testing.T) {
	h := newHarness(t, true)
	ctx := context.Background()
	newContactClient(h, "ja").send(tokyoEnquiry())
	nrwForm := url.Values{
		"name": {"Rheinoptik GmbH"}, "region": {"nrw"}, "what_they_do": {"Wir fertigen Präzisionsoptik."},
		"looking_for": {"Einen Vertriebspartner in Tokio."}, "contact_name": {"Anna Schmidt"},
		"contact_email": {"anna@rheinoptik.example"}, "consent": {"yes"},
	}
	newContactClient(h, "de").send(nrwForm)
	list := firstContacts(t, h)
	if len(list) != 2 {
		t.Fatalf("%d requests", len(list))
	}
	nrwID, tokyoID := list[0].ID, list[1].ID // newest first
	tokyoPath := "/en/staff/inbox/" + strconv.FormatInt(tokyoID, 10)
	nrwPath := "/en/staff/inbox/" + strconv.FormatInt(nrwID, 10)
	state := func(id int64) firstcontact.Request {
		r, err := h.app.Store.FirstContactByID(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		return r
	}

	desk := h.browser("en")
	desk.login("desk@nrw-global-business.example", app.DemoPassword)

	// Answer: the reply is required; then mailed in Japanese.
	if p := desk.post(tokyoPath+"/answer", url.Values{"reply_text": {"  "}}); p.status != http.StatusUnprocessableEntity || p.text("#f-reply-text-error") == "" {
		t.Errorf("empty reply: %d", p.status)
	}
	reply := "Thank you – we will call you next week to talk about Aachen and Düsseldorf."
	p := desk.post(tokyoPath+"/answer", url.Values{"reply_text": {reply}})
	if p.status != 200 || p.url.Path != tokyoPath || !strings.Contains(p.body, "Your reply has been sent.") {
		t.Fatalf("answer: %d %s", p.status, p.url)
	}
	subject, body, _ := h.lastMailTo("misaki.sato@tama-photonics.example")
	if !strings.Contains(subject, "ご回答") || !strings.Contains(body, reply) || !strings.Contains(body, "佐藤 美咲 様") {
		t.Errorf("reply mail %q\n%s", subject, body)
	}
	if r := state(tokyoID); r.State != firstcontact.Answered || r.HandledBy == 0 {
		t.Errorf("after answer: %s", r.State)
	}

	// Invite: the sign-up link in the firm's language.
	if p := desk.post(tokyoPath+"/invite", url.Values{}); p.status != 200 {
		t.Fatalf("invite: %d", p.status)
	}
	subject, _, link := h.lastMailTo("misaki.sato@tama-photonics.example")
	if !strings.Contains(subject, "登録") || link != h.srv.URL+"/ja/signup" {
		t.Errorf("invitation %q %q", subject, link)
	}
	if r := state(tokyoID); r.State != firstcontact.Invited {
		t.Errorf("after invite: %s", r.State)
	}

	// Convert: not for an NRW firm; a sector is required.
	if p := desk.post(nrwPath+"/convert", url.Values{"case_sector": {"C26"}}); p.status != http.StatusForbidden {
		t.Errorf("NRW firm converted: %d", p.status)
	}
	if p := desk.get(nrwPath); p.doc.Find(`form[action$="/convert"]`).Length() != 0 {
		t.Error("convert offered for an NRW firm")
	}
	p = desk.post(tokyoPath+"/convert", url.Values{"case_sector": {"Z99"}, "case_note": {"Photonics – Aachen?"}})
	if p.status != http.StatusUnprocessableEntity || p.text("#f-case-sector-error") == "" || p.text("#f-case-note") != "Photonics – Aachen?" {
		t.Errorf("unknown sector: %d", p.status)
	}
	p = desk.post(tokyoPath+"/convert", url.Values{"case_sector": {"C26"}, "case_note": {"Photonics – Aachen?"}})
	if p.status != 200 || !strings.HasPrefix(p.url.Path, "/en/cases/") {
		t.Fatalf("convert: %d %s", p.status, p.url)
	}
	casePath := strings.TrimPrefix(p.url.Path, "/en")
	r := state(tokyoID)
	if r.State != firstcontact.Converted || r.CaseID == 0 || casePath != "/cases/"+strconv.FormatInt(r.CaseID, 10) {
		t.Errorf("after convert: %s case %d at %s", r.State, r.CaseID, casePath)
	}
	info, err := h.app.Store.CaseByID(ctx, r.CaseID)
	if err != nil {
		t.Fatal(err)
	}
	if !info.MarketEntry() || info.State != "triage" || info.RequesterID != 0 {
		t.Errorf("case %+v", info.Case)
	}
	co, err := h.app.Store.CompanyByID(ctx, info.TokyoCompanyID)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(co.Ref, "tokyo-") || co.Name != "多摩フォトニクス株式会社" || co.Region != company.RegionTokyo ||
		co.Sectors[0] != "C26" || !company.HasCoop(co.Seeks, company.CoopMarketEntry) ||
		co.Contact.Email != "misaki.sato@tama-photonics.example" || !strings.Contains(co.Description["ja"], "マイクロ光学部品") {
		t.Errorf("company %+v", co)
	}
	if !strings.Contains(p.body, "Opened by the desk from a first-contact enquiry") || !strings.Contains(p.body, "Photonics – Aachen?") {
		t.Error("case history lacks the conversion")
	}
	if q := desk.get("/en/staff/cases"); !strings.Contains(q.body, casePath) {
		t.Error("converted case not in the desk queue")
	}
	if d := desk.get("/en" + casePath); len(d.doc.Find("#assign-municipality option").Nodes) == 0 {
		t.Error("desk cannot assign the new case")
	}
	subject, body, _ = h.lastMailTo("misaki.sato@tama-photonics.example")
	if !strings.Contains(subject, "自治体") || !strings.Contains(body, "佐藤 美咲 様") {
		t.Errorf("conversion mail %q", subject)
	}
	// The new company is indexed: the directory finds it.
	if d := desk.get("/en/companies?q=" + url.QueryEscape("多摩フォトニクス")); !strings.Contains(d.body, co.Ref) {
		t.Error("new company not in the directory index")
	}
	// A converted request takes no further actions.
	if p := desk.post(tokyoPath+"/answer", url.Values{"reply_text": {"again"}}); p.status != http.StatusForbidden {
		t.Errorf("answer after convert: %d", p.status)
	}

	// Close: no mail, state closed; the inbox filters by state.
	mails := outboxCount(t, h)
	if p := desk.post(nrwPath+"/close", url.Values{}); p.status != 200 {
		t.Fatalf("close: %d", p.status)
	}
	if r := state(nrwID); r.State != firstcontact.Closed || outboxCount(t, h) != mails {
		t.Errorf("after close: %s, %d mails", r.State, outboxCount(t, h)-mails)
	}
	closed := desk.get("/en/staff/inbox?state=closed")
	if rows := closed.doc.Find("[data-testid=first-contacts] tbody tr"); rows.Length() != 1 || !strings.Contains(rows.Text(), "Rheinoptik") {
		t.Errorf("closed filter: %d rows", rows.Length())
	}
	// Actions need the CSRF token.
	if p := desk.post(nrwPath+"/close", url.Values{"_csrf": {"forged"}}); p.status != http.StatusForbidden {
		t.Errorf("forged CSRF: %d", p.status)
	}
}
