namespace KpatchScript.Targets;

/// <summary>
/// The POSIX shell script that takes a snapshot on a remote host (dash, bash and busybox ash):
/// the first argument is how many bytes of a file to send at most, then arguments come in threes,
/// <c>mode depth pattern</c>; the pattern is expanded by the remote shell as a glob (IFS is empty,
/// so it is never split). It prints the NUL-separated records <see cref="HostSnapshot.Parse"/>
/// reads. Files are read with <c>head -c</c> only in mode t (one byte past the limit, so a larger
/// file shows as one), and with the shell's own <c>read</c> in mode l, so thousands of per-task
/// files cost no process each. Only regular files are read: a FIFO is an <c>o</c> record.
/// </summary>
internal static class SnapshotScript
{
    public const string Text = """
        IFS=
        emit() { printf '%s\0%s\0' "$1" "$2"; }
        walk() {
          local p="$1" n="$2" m="$3" f line
          if [ -d "$p" ]; then
            if [ "$n" -gt 0 ] && [ ! -L "$p" ]; then
              emit d "$p"
              for f in "$p"/* "$p"/.[!.]* "$p"/..?*; do
                [ -e "$f" ] || [ -L "$f" ] || continue
                walk "$f" $((n - 1)) "$m"
              done
            else
              emit D "$p"
            fi
          elif [ -f "$p" ]; then
            case "$m" in
              t) if head -c 1 -- "$p" >/dev/null 2>&1; then emit c "$p"; head -c "$limit" -- "$p"; printf '\0'
                 else emit e "$p"; head -c 1 -- "$p" 2>&1 >/dev/null | head -n 1 | tr -d '\000\n'; printf '\0'; fi ;;
              l) if IFS= read -r line < "$p"; then emit c "$p"; printf '%s\n\0' "$line"; else emit f "$p"; fi 2>/dev/null ;;
              *) emit f "$p" ;;
            esac
          elif [ -e "$p" ] || [ -L "$p" ]; then
            emit o "$p"
          else
            emit m "$p"
          fi
        }
        limit=$1
        shift
        while [ $# -ge 3 ]; do
          mode=$1 depth=$2 pattern=$3
          shift 3
          for path in $pattern; do walk "$path" "$depth" "$mode"; done
        done
        """;

    /// <summary>The bytes sent of a file at most: one past the limit, so that a larger file is seen as one.</summary>
    public static long FileBytes => IO.ReadLimits.TargetFile + 1;

    public static IEnumerable<string> Arguments(IEnumerable<SnapshotRoot> roots) =>
        roots.SelectMany(r => new[]
        {
            r.Content switch { SnapshotContent.Text => "t", SnapshotContent.FirstLine => "l", _ => "n" },
            r.Depth.ToString(System.Globalization.CultureInfo.InvariantCulture),
            r.Pattern,
        }).Prepend(FileBytes.ToString(System.Globalization.CultureInfo.InvariantCulture));
}
