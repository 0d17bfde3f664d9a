package browser_test

import "kakehashi/internal/app"

// demoPassword is the password of every demo account.
const demoPassword = app.DemoPassword

// langs are the portal's languages.
var langs = []string{"de", "en", "ja"}
