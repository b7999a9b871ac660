# crash.lex - a lexicon whose replacement aborts espeak-ng 1.51 (tests only).
# Lexicons are trusted and bypass the normalizer, so this reaches espeak-ng as
# written: the tests use it to prove that a crash stays inside its worker now
# that article text can no longer produce one (see tests/hostile/README.md).
Kaboom = s's's's's's's's's's's's's's's's's's's's's's's's's's's's's's's's's's's's's's's's's's's's's's's's's's's's's's's's's's's's's's's's's's's's's's's's's's's's's's's's's's's's's's's's's's's's's's's's's's's's's
