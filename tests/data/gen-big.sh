#!/bin/sh
# gen-big.sh DIR -- write the corpus files too big to commit into DIR
# (tests/data/README lists them).  Synthetic: every byte is x, 1 or [.
set -eu
d=${1:?usage: gen-big.sh dir}
xs() {
	head -c "$1" /dev/zero | tr '\0' x
}
# A header of 2,000 columns c1..c2000 and one row of 2,000 values.
awk 'BEGIN {
	for (i = 1; i <= 2000; i++) printf "%sc%d", (i > 1 ? "," : ""), i
	printf "\n"
	for (i = 1; i <= 2000; i++) printf "%s%d", (i > 1 ? "," : ""), i
	printf "\n"
}' > "$d/big-2000-columns.csv"
# A value of exactly 1 MiB (accepted) and one of 1 MiB + 1 (rejected).
{ printf 'id,note\n1,'; xs 1048576; printf '\n2,ok\n'; } > "$d/big-field-1mib.csv"
{ printf 'id,note\n1,'; xs 1048577; printf '\n2,ok\n'; } \
    > "$d/big-field-1mib-plus1.csv"
{ printf 'id,note\n1,"'; xs 1048577; printf '"\n2,ok\n'; } \
    > "$d/big-field-1mib-plus1-quoted.csv"
# 10,000 [ on a line, and 10,000 [ inside a value.
{ xs 10000 | tr x '['; printf '\n'; } > "$d/big-deep-array.jsonl"
{ printf '{"id":"1"}\n{"id":'; xs 10000 | tr x '['; printf '\n'; } \
    > "$d/big-deep-value.jsonl"
# A JSON line of 5 MB between two good ones.
{ printf '{"id":"1"}\n{"id":"'; xs 5000000; printf '"}\n{"id":"3"}\n'; } \
    > "$d/big-line-5mb.jsonl"
# JSON values of exactly 1 MiB (accepted) and 1 MiB + 1 (rejected), and a
# list whose items add up to 1 MiB + 1.
{ printf '{"id":"1","note":"'; xs 1048576; printf '"}\n'; } \
    > "$d/big-json-field-1mib.jsonl"
{ printf '{"id":"1","note":"ok"}\n{"id":"2","note":"'; xs 1048577
  printf '"}\n{"id":"3","note":"ok"}\n'; } > "$d/big-json-field-1mib-plus1.jsonl"
{ printf '{"id":"1","note":["ok"]}\n{"id":"2","note":["'; xs 524288
  printf '","'; xs 524288; printf '"]}\n'; } > "$d/big-json-list-1mib-plus1.jsonl"
