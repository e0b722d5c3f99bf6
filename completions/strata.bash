# bash completion for strata. Verbs and options are read from the installed
# CLI's own --help (once per shell, per verb), so they match the binary.
# Installed as share/bash-completion/completions/strata.

_strata_verbs() {
  "$1" --help 2>/dev/null | awk '
    tolower($0) ~ /^subcommands:/ { on = 1; next }
    on && /^$/ { exit }
    on && /^  +[a-z]/ { print $1 }'
}

# The option names of an "Options:" block: the first field of lines that
# start with indentation and a dash ("  -c,--config TEXT  ...").
_strata_options() {
  "$@" --help 2>/dev/null | awk '/^ +-/ { n = split($1, a, ","); for (i = 1; i <= n; i++) print a[i] }' | sort -u
}

_strata() {
  local cur prev cmd verb="" models_sub="" i
  cur="${COMP_WORDS[COMP_CWORD]}"
  prev="${COMP_WORDS[COMP_CWORD-1]}"
  cmd="${COMP_WORDS[0]}"

  # The verb: the first word that is not an option or an option's value.
  for ((i = 1; i < COMP_CWORD; i++)); do
    case "${COMP_WORDS[i]}" in
      -c|--config|--url|-x) ((i++)) ;;
      -*) ;;
      *) verb="${COMP_WORDS[i]}"; break ;;
    esac
  done

  case "$prev" in
    -c|--config|-o|--output) COMPREPLY=($(compgen -f -- "$cur")); return ;;
    --url) COMPREPLY=($(compgen -W "postgresql:// mysql:// mariadb:// sqlite:///" -- "$cur")); return ;;
  esac

  if [[ -z "$verb" ]]; then
    if [[ "$cur" == -* ]]; then
      COMPREPLY=($(compgen -W "$(_strata_options "$cmd")" -- "$cur"))
    else
      if [[ -z "${_strata_verb_cache:-}" ]]; then
        _strata_verb_cache="$(_strata_verbs "$cmd")"
      fi
      COMPREPLY=($(compgen -W "$_strata_verb_cache" -- "$cur"))
    fi
    return
  fi

  if [[ "$cur" == -* ]]; then
    local key="_strata_opts_${verb//[^a-z]/_}"
    if [[ -z "${!key:-}" ]]; then
      printf -v "$key" '%s' "$({ _strata_options "$cmd" "$verb"; _strata_options "$cmd"; } | sort -u)"
    fi
    COMPREPLY=($(compgen -W "${!key}" -- "$cur"))
    return
  fi

  case "$verb" in
    upgrade|downgrade|stamp|show)
      COMPREPLY=($(compgen -W "head heads base +1 -1" -- "$cur")) ;;
    history)
      COMPREPLY=($(compgen -W "current head base" -- "$cur")) ;;
    models)
      COMPREPLY=($(compgen -W "$(_strata_verbs_of "$cmd" models)" -- "$cur")) ;;
    init|import-alembic|lint)
      COMPREPLY=($(compgen -d -- "$cur")) ;;
    edit)
      COMPREPLY=($(compgen -W "head" -- "$cur")) ;;
    *) COMPREPLY=($(compgen -f -- "$cur")) ;;
  esac
}

_strata_verbs_of() {
  "$1" "$2" --help 2>/dev/null | awk '
    tolower($0) ~ /^subcommands:/ { on = 1; next }
    on && /^$/ { exit }
    on && /^  +[a-z]/ { print $1 }'
}

complete -o default -F _strata strata
