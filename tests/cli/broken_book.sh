# Sourced by the golden cases on broken books: each copies the small fixture book to ./book,
# breaks it, and runs commands that must report the problem and change nothing.

fresh_book() {
  cp -R "$SRC/tests/data/small" book && chmod -R u+w book
}

# Every path under book/ with its type, link target and content hash: any file written,
# created, removed or relinked changes it.
book_digest() {
  (cd book && find . -printf '%y %p %l\n' | LC_ALL=C sort && find . -type f -exec sha1sum {} + | LC_ALL=C sort -k2)
}

# Runs a command; when it leaves the book different, says so and fails with 98.
unchanged() {
  local before after status
  before=$(book_digest)
  "$@"
  status=$?
  after=$(book_digest)
  if [ "$before" != "$after" ]; then
    echo "the book changed" >&2
    return 98
  fi
  return $status
}
