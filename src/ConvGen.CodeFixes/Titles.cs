using System.Collections.Generic;
using System.Linq;

namespace ConvGen.CodeFixes;

internal static class Titles
{
    /// <summary>'A'; 'A' and 'B'; 'A', 'B' and 'C'.</summary>
    public static string Quoted(IEnumerable<string> names)
    {
        var quoted = names.Select(n => "'" + n + "'").ToArray();
        return quoted.Length <= 1
            ? string.Concat(quoted)
            : string.Join(", ", quoted, 0, quoted.Length - 1) + " and " + quoted[quoted.Length - 1];
    }
}
