-- Installation-wide secrets and settings that every instance must share,
-- e.g. the key signing the time stamps of public forms (a form shown by one
-- instance may be sent to another).

CREATE TABLE settings (
    name VARCHAR(64) PRIMARY KEY,
    value {{text}} NOT NULL
);
