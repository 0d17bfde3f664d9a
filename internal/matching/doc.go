// Package matching suggests partners across the NRW–Tokyo divide: for a
// company, the best companies on the other side; for a Tokyo company, the
// best-fitting partner municipalities; for public profiles, similar
// companies. It is pure Go over domain types: no HTTP, no database.
//
// # API
//
//	ix := matching.NewIndex(companies, municipalities) // IDs must be unique
//	ix.Upsert(c)                                        // after a profile change
//	ix.Remove(id)
//	ix.Partners(id, k, excluded) []Suggestion           // other side, best first
//	ix.Similar(id, k, side) []Suggestion                // side "" = both regions
//	ix.Municipalities(id) []MunicipalitySuggestion
//	matching.Evaluate(companies, municipalities, judgements) Metrics
//
// An Index is safe for concurrent use: queries share a read lock; Upsert and
// Remove take the write lock. The excluded callback of Partners runs under
// the read lock and must not call back into the Index.
//
// # Signals
//
// A pair (A, B) is scored from
//   - complementary cooperation: A seeks a type that B offers (or both seek a
//     symmetric type: technical or research cooperation, joint venture), as in
//     company.Complementary, weighted by how well the texts fit — A's seek
//     text against B's matching offer text, or against B's whole profile;
//   - subject: shared dictionary concepts (cosine), shared raw words and
//     Japanese bigrams (cosine, idf-weighted), NACE sector overlap (same
//     division full, same section partial);
//   - shared business language (a mild penalty without one) and comparable
//     size (at most 10% for three orders of magnitude).
//
// See score.go for the formula and its constants.
//
// # Languages
//
// Texts are folded (textproc.Fold: case, umlauts, full-width forms) and
// analysed into concepts of a multilingual term dictionary (lexicon.tsv,
// embedded: several hundred general industry, technology and business
// concepts in German, English and Japanese, with broader parent concepts)
// plus raw tokens. Latin words are lightly stemmed (English plurals, German
// -e/-en and adjective endings) and matched as phrases of up to five words;
// German compounds that are not dictionary words are split into dictionary
// words, right-headed ("Wasserstoffverdichter" = hydrogen + compressor);
// Japanese is matched by leftmost-longest dictionary lookup inside running
// text and otherwise cut into character bigrams. So "Medizintechnik",
// "medical devices" and "医療機器" meet, and a Japanese-only profile finds a
// German-only partner.
//
// # Reciprocity
//
// Each direction gets a fit: fit(A←B) is 0 when B serves none of A's wishes,
// 0.5 when A states no wish, and 0.55–1 when B serves one, by text fit. The
// pair's cooperation factor is the harmonic mean of (0.25 + fit) in both
// directions, so a suggestion ranks high only when it is good for both: a
// firm that A wants but that wants nothing A offers ranks below one that
// wants A too.
//
// # Popularity cap
//
// No company crowds out others because its profile is broad:
//   - a partner that can serve more than three cooperation types (offered
//     types plus sought symmetric types) has its fit scaled by sqrt(3/n);
//   - concept and token similarities are cosines, so every extra keyword or
//     sector dilutes the others;
//   - sector overlap is a cosine over the division lists, for the same reason.
//
// These rules apply at query time, so no global recomputation is needed when
// a profile changes.
//
// # Feedback
//
// Partners takes an excluded(a, b) callback (pairs marked unsuitable,
// declined introductions). It is called in both orientations; a pair excluded
// either way is never suggested.
//
// # Reasons
//
// Every suggestion carries Reasons: a Code and Args. The web layer renders
// them with the message "reason.<Code>" (catalogs
// internal/i18n/locales/matching.{de,en,ja}.json) and {arg} placeholders.
// Args ending in "_type" hold a cooperation type (rendered via "coop.<type>"),
// "_sector" a NACE division code (rendered as its label), "_lang" a language
// code (rendered via "lang.<code>"); all other args (seek and offer texts,
// matched terms, numbers, names) are free text from the profiles. reason.go
// lists every code with its args. Reasons are written from the viewer's side:
// "you" is the company the list is for.
//
// # Municipalities
//
// For a Tokyo company every partner municipality except the first-contact
// desk (municipality.DeskKey, shown separately by the UI) is ranked by how
// much of the company's business its focus sectors cover (the first listed
// sector counting most) and how well its keywords and description match the
// company; scores are highest for companies that seek market entry. For an
// NRW company the result is its own municipality.
//
// # Scale
//
// Queries score candidates at request time. For a side with more than 2,000
// companies, a query first accumulates concept and sector overlap over an
// inverted index (rarest features first, bounded), bounds each candidate by
// its cooperation types and fully scores only the best 200. At 100,000
// companies on one core: top-10 in about 1 ms (p99 about 2 ms), Upsert well
// under 1 ms, NewIndex about 5 s, about 220 MB of heap (bench_test.go).
// NewIndex analyses and weights companies on all cores (about 3 s on two);
// the result does not depend on their number.
package matching
