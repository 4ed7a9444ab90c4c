# Sourced by deploy/test.sh and deploy/fuzz.sh: wall and CPU seconds of a step. CPU seconds are
# user + sys of every process the step ran, so they can be compared between runs on a loaded
# machine, where wall times are not.
times_file="$(mktemp)"; trap 'rm -f "$times_file"' EXIT
children_cpu() {  # sets CPU: user + sys tenths of a second of every child process this shell has waited for
  # 'times' must run in this shell (not in $(...), whose fork starts from zero), hence the file.
  times > "$times_file"
  local u s
  { read -r _ _; read -r u s; } < "$times_file"
  CPU=$(awk -v u="$u" -v s="$s" 'function sec(x) { sub(/s$/, "", x); split(x, a, "m"); return a[1] * 60 + a[2] }
                                 BEGIN { printf "%d", (sec(u) + sec(s)) * 10 }')
}
timed() {  # timed LABEL COMMAND...: runs COMMAND, then prints its wall and CPU seconds
  local label="$1"; shift
  local start=$SECONDS cpu_start
  children_cpu; cpu_start=$CPU
  "$@"
  children_cpu
  echo "=== $label: $((SECONDS - start)) s wall, $(((CPU - cpu_start + 5) / 10)) s CPU"
}
