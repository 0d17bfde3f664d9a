// Package account holds users, roles and the rules of signing in: password
// policy and hashing, single-use tokens for e-mail confirmation and password
// reset. Storage and HTTP live elsewhere.
package account

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"strings"
	"time"
)

// Role is what a user may do in the portal.
type Role string

const (
	RoleCompany Role = "company" // a company's own account
	RoleStaff   Role = "staff"   // municipal business-development staff (one municipality)
	RoleDesk    Role = "desk"    // NRW.Global Business first-contact desk (sees all)
	RoleAdmin   Role = "admin"   // accounts, municipalities, taxonomy, outbox
)

// Roles lists every role.
var Roles = []Role{RoleCompany, RoleStaff, RoleDesk, RoleAdmin}

// Valid reports whether r is a known role.
func (r Role) Valid() bool {
	for _, x := range Roles {
		if x == r {
			return true
		}
	}
	return false
}

// IsStaff reports whether r works for an agency (municipal staff, desk, admin).
func (r Role) IsStaff() bool { return r == RoleStaff || r == RoleDesk || r == RoleAdmin }

// User is a person who signs in.
type User struct {
	ID               int64
	Email            string
	PasswordHash     string
	Role             Role
	Municipality     string // staff: the municipality key they work for
	CompanyID        int64  // company users: their profile, 0 before it is created
	Lang             string // preferred language for e-mails
	TimeZone         string // IANA zone times are shown in: Europe/Berlin or Asia/Tokyo
	EmailConfirmedAt time.Time
	DisabledAt       time.Time
	ConsentAt        time.Time
	ConsentVersion   string
	CreatedAt        time.Time
	TOTPSecret       string // base32; empty before two-factor setup
	TOTPLastStep     int64  // last accepted TOTP step; -1 while setup is not confirmed
}

// TOTPEnrolled reports whether the user finished two-factor setup.
func (u *User) TOTPEnrolled() bool { return u.TOTPSecret != "" && u.TOTPLastStep > 0 }

// Confirmed reports whether the user confirmed their e-mail address.
func (u *User) Confirmed() bool { return !u.EmailConfirmedAt.IsZero() }

// Disabled reports whether an admin disabled the account.
func (u *User) Disabled() bool { return !u.DisabledAt.IsZero() }

// TimeZones are the zones a user may choose to see times in.
var TimeZones = []string{"Europe/Berlin", "Asia/Tokyo"}

// NormalizeEmail lower-cases and trims an address so that one mailbox
// cannot hold two accounts.
func NormalizeEmail(s string) string { return strings.ToLower(strings.TrimSpace(s)) }

// Token purposes.
const (
	PurposeConfirm = "confirm"
	PurposeReset   = "reset"
	PurposeMFA     = "mfa" // between password and second factor
)

// Token lifetimes: long enough to find the mail, short enough to limit a
// leaked link's use.
const (
	ConfirmTTL = 72 * time.Hour
	ResetTTL   = 1 * time.Hour
	MFATTL     = 10 * time.Minute
)

// NewToken returns a random token for a link and the hash to store: only the
// hash is kept, so a database leak does not leak usable links.
func NewToken() (token, hash string) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		panic(err) // crypto/rand does not fail on supported platforms
	}
	token = base64.RawURLEncoding.EncodeToString(b)
	return token, HashToken(token)
}

// HashToken returns the stored form of a token.
func HashToken(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}
