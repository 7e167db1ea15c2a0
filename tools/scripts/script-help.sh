# Sourced first by every script in tools/scripts: `-h`/`--help` anywhere in the arguments prints the
# script's leading comment block (its usage) and exits 0, before anything is built or started.
#   source "$(dirname "$0")/script-help.sh" "$@"
for _arg in "$@"; do
  if [ "$_arg" = "-h" ] || [ "$_arg" = "--help" ]; then
    sed -n '2,/^[^#]/{/^#/!q;s/^# \{0,1\}//p}' "$0"
    exit 0
  fi
done
unset _arg
