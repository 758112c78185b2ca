using KpatchScript.Status;

namespace KpatchScript.Parsing;

/// <summary>Reads the output of <see cref="RpmQueries.KernelProviders"/>: package name to kernel release.</summary>
internal static class RpmKernelParser
{
    public static Reading<IReadOnlyList<(string Package, string Release)>> Parse(string output)
    {
        var kernels = new List<(string, string)>();
        foreach (var line in output.Split('\n'))
        {
            if (line.Trim().Length == 0)
            {
                continue;
            }

            var fields = line.Split(RpmQueries.FieldSeparator);
            if (fields.Length != 3 || fields[0].Length == 0)
            {
                return Reading.Unknown<IReadOnlyList<(string, string)>>($"unexpected rpm output for kernel-uname-r: '{TextClip.Clip(line)}'");
            }

            if (fields[1] != "kernel-uname-r")
            {
                continue;
            }

            var release = fields[2].Trim();
            if (release.Length == 0 || release.Contains(' ', StringComparison.Ordinal))
            {
                return Reading.Unknown<IReadOnlyList<(string, string)>>($"rpm gives '{TextClip.Clip(release)}' as a kernel-uname-r of {fields[0]}");
            }

            if (!kernels.Contains((fields[0], release)))
            {
                kernels.Add((fields[0], release));
            }
        }

        return Reading.Known<IReadOnlyList<(string, string)>>(kernels);
    }
}
