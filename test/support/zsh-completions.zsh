# zsh -f zsh-completions.zsh SCRIPT OUTPUT 'command line'...
# Types each command line followed by Tab into one interactive zsh (through zsh/zpty, a
# pseudo-terminal) where SCRIPT is loaded after compinit, and writes the words zsh offers for the
# n-th line, one a line, into OUTPUT.n. Each step waits for the shell to say it is done (a file it
# writes), never for a delay.
zmodload zsh/zpty
wait_for() { integer i; for ((i = 0; i < 2400; i++)); do [[ -e $1 ]] && return 0; sleep 0.05; done; return 1 }
script=$1 output=$2
shift 2
zpty shell zsh -f -i
zpty -w shell "PS1='> '; autoload -Uz compinit; compinit -u -D"
zpty -w shell "source ${(q)script}"
# Every word completion adds, recorded (calls that only filter or collect, -O -A -D, pass through).
zpty -w shell 'compadd() { if (( ${@[(I)-[OAD]]} )); then builtin compadd "$@"; return; fi; local -a __hits; builtin compadd -A __hits "$@"; builtin compadd "$@"; (( $#__hits )) && print -rl -- $__hits >> $__out; }'
integer n=0
for line in "$@"; do
  n+=1
  zpty -w shell "__out=${(q)output}.$n; : > \$__out; print > \$__out.pret"
  wait_for $output.$n.pret || exit 3
  zpty -n -w shell "$line"$'\t'
  zpty -w shell $'\C-u'"print > ${(q)output}.$n.fini"
  wait_for $output.$n.fini || exit 4
done
zpty -d shell
