# Sourced by the corpus-* cases (run from their case directory): copies
# the corpus and its generated big files (tests/data/gen-big.sh) into
# $T/corpus and goes there.  verdict NAME STATUS prints one line: the
# name, the exit status, and what $T/err held: "quiet" (nothing),
# "located" (every line is "iop-x: file[:line[:col]]: message" or a plain
# "iop-x: message"), else "UNLOCATED"; and "LEAK" if a diagnostic repeats
# a value from the corpus.
top=$(cd ../../.. && pwd)
rec=$top/tests/records/data
mkdir "$T/corpus"
cp "$top"/tests/data/*.csv "$top"/tests/data/*.jsonl "$T/corpus/"
sh "$top/tests/data/gen-big.sh" "$T/corpus"
cd "$T/corpus"

verdict() {
	if [ ! -s "$T/err" ]; then
		v=quiet
	elif grep -Ev '^iop-[a-z]+: [^:]+(:[0-9]+(:[0-9]+)?)?: .+$|^iop-[a-z]+: [^:]+$' \
	    "$T/err" > /dev/null; then
		v=UNLOCATED
	else
		v=located
	fi
	if grep -E 'Avery|Testperson|Test|Jos|smart|mindful|Stay sober|555-010|xxxx|secret|Jane|55512|HYPERLINK' \
	    "$T/err" > /dev/null; then
		v="$v LEAK"
	fi
	echo "$1 $2 $v"
}
