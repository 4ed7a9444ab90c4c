#!/usr/bin/env bash
# Formats every C++ source of the repository with clang-format and the root .clang-format.
# usage: deploy/format.sh           rewrite the files in place
#        deploy/format.sh --check   change nothing; list what differs and exit 1 (CI's format stage)
set -euo pipefail
cd "$(dirname "$0")/.."
command -v clang-format >/dev/null || { echo "format.sh: clang-format not found (deploy/install-deps.sh installs it)" >&2; exit 2; }
if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  mapfile -t files < <(git ls-files '*.cc' '*.h')
else
  mapfile -t files < <(find graph service thrift tests tools -name '*.cc' -o -name '*.h' | sort)
fi
case "${1:-}" in
  --check)
    if ! clang-format --dry-run -Werror "${files[@]}" 2>/tmp/format.$$; then
      grep -o '^[^:]*:[0-9]*' /tmp/format.$$ | sort -u | head -50 >&2
      rm -f /tmp/format.$$
      echo "format.sh: the files above are not formatted as .clang-format says; run deploy/format.sh" >&2
      exit 1
    fi
    rm -f /tmp/format.$$
    echo "format.sh: ${#files[@]} files formatted as .clang-format says"
    ;;
  "") clang-format -i "${files[@]}"; echo "format.sh: formatted ${#files[@]} files" ;;
  *) echo "usage: deploy/format.sh [--check]" >&2; exit 2 ;;
esac
