package cli

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"kakehashi/internal/app"
	"kakehashi/internal/company"
	"kakehashi/internal/i18n"
	"kakehashi/internal/interchange"
	"kakehashi/internal/matching"
	"kakehashi/internal/store"
)

type matchPartner struct {
	Ref     string   `json:"ref"`
	Name    string   `json:"name"`
	Score   float64  `json:"score"`
	Reasons []string `json:"reasons"`
}

type matchMunicipality struct {
	Key     string   `json:"key"`
	Score   float64  `json:"score"`
	Reasons []string `json:"reasons"`
}

type matchOutput struct {
	Company        string              `json:"company"`
	Partners       []matchPartner      `json:"partners"`
	Municipalities []matchMunicipality `json:"municipalities"`
}

func runMatch(ctx context.Context, env Env, args []string) error {
	fs := newFlagSet("match", env)
	var set settings
	set.register(fs, env)
	ref := fs.String("ref", "", "ref of the company to suggest partners for (required)")
	k := fs.Int("k", 10, "number of partners")
	asJSON := fs.Bool("json", false, "print JSON")
	lang := fs.String("lang", "en", "language of the reasons: de, en or ja")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *ref == "" || *k < 1 || fs.NArg() != 0 || !i18n.Supported(*lang) {
		return fmt.Errorf("%w: portal match --ref REF [--k 10] [--json] [--lang en]", errUsage)
	}
	a, closeDB, err := openApp(ctx, &set, env)
	if err != nil {
		return err
	}
	defer closeDB()
	c, err := a.Store.CompanyByRef(ctx, *ref)
	if errors.Is(err, store.ErrNotFound) {
		return fmt.Errorf("no company with ref %q", *ref)
	} else if err != nil {
		return err
	}
	if err := a.LoadIndexes(ctx); err != nil {
		return err
	}
	out := matchOutput{Company: c.Ref, Partners: []matchPartner{}, Municipalities: []matchMunicipality{}}
	for _, s := range a.Suggestions(c.ID, *k) {
		out.Partners = append(out.Partners, matchPartner{Ref: s.Ref, Name: s.Name, Score: round(s.Score), Reasons: app.ReasonTexts(*lang, s.Reasons)})
	}
	for _, m := range a.Match.Municipalities(c.ID) {
		out.Municipalities = append(out.Municipalities, matchMunicipality{Key: m.Key, Score: round(m.Score), Reasons: app.ReasonTexts(*lang, m.Reasons)})
	}
	if *asJSON {
		enc := json.NewEncoder(env.Stdout)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		return enc.Encode(out)
	}
	fmt.Fprintf(env.Stdout, "Suggestions for %s (%s)\n\nPartners:\n", c.Name, c.Ref)
	if len(out.Partners) == 0 {
		fmt.Fprintln(env.Stdout, "  none")
	}
	for i, p := range out.Partners {
		fmt.Fprintf(env.Stdout, "%2d. %s (%s)  score %.3f\n", i+1, p.Name, p.Ref, p.Score)
		for _, r := range p.Reasons {
			fmt.Fprintf(env.Stdout, "      - %s\n", r)
		}
	}
	fmt.Fprintln(env.Stdout, "\nMunicipal contacts (NRW.Global Business is always the first-contact desk):")
	for i, m := range out.Municipalities {
		fmt.Fprintf(env.Stdout, "%2d. %s  score %.3f\n", i+1, m.Key, m.Score)
		for _, r := range m.Reasons {
			fmt.Fprintf(env.Stdout, "      - %s\n", r)
		}
	}
	return nil
}

func round(f float64) float64 { return float64(int64(f*10000+0.5)) / 10000 }

func runEvaluate(ctx context.Context, env Env, args []string) error {
	fs := newFlagSet("evaluate", env)
	verbose := fs.Bool("v", false, "also list every judgement that missed")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return fmt.Errorf("%w: portal evaluate FILE", errUsage)
	}
	f, err := os.Open(fs.Arg(0))
	if err != nil {
		return err
	}
	defer f.Close()
	recs, problems, err := interchange.Decode(f, nil)
	if err != nil {
		return err
	}
	if len(problems) > 0 {
		for _, p := range problems {
			fmt.Fprintln(env.Stderr, p.Error())
		}
		return fmt.Errorf("%d invalid records", len(problems))
	}
	// A fresh temporary database: the set goes through the same import and
	// storage as real data before it is matched.
	dir, err := os.MkdirTemp("", "portal-evaluate-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	set := settings{db: filepath.Join(dir, "evaluate.db"), logLevel: "warn"}
	a, closeDB, err := openApp(ctx, &set, env)
	if err != nil {
		return err
	}
	defer closeDB()
	judgements := recs.Judgements
	if _, _, err := a.ImportRecords(ctx, recs); err != nil {
		return err
	}
	var cs []company.Company
	if err := a.Store.EachCompany(ctx, func(c company.Company) error { cs = append(cs, c); return nil }); err != nil {
		return err
	}
	ms, err := a.Store.Municipalities(ctx)
	if err != nil {
		return err
	}
	m := matching.Evaluate(cs, ms, toJudgements(judgements))
	fmt.Fprintf(env.Stdout, "recall@5: %.4f\nmrr: %.4f\nmunicipality_top1: %.4f\nmunicipality_top3: %.4f\n",
		m.Recall5, m.MRR, m.MunicipalityTop1, m.MunicipalityTop3)
	if *verbose {
		for _, r := range m.Results {
			fmt.Fprintf(env.Stderr, "%+v\n", r)
		}
	}
	return nil
}

func toJudgements(in []interchange.Judgement) []matching.Judgement {
	out := make([]matching.Judgement, len(in))
	for i, j := range in {
		out[i] = matching.Judgement{Company: j.Company, Partners: j.Partners, Municipalities: j.Municipalities}
	}
	return out
}
