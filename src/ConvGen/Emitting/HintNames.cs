using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using ConvGen.Model;

namespace ConvGen.Emitting;

/// <summary>
/// Source file names: &lt;Namespace&gt;.&lt;Types&gt;.Conv2D.g.cs. Roslyn compares hint names case-insensitively, so
/// where two layers' names differ only in case (or only in whether a part is a namespace or a containing type),
/// a hash of the exact name keeps each file name unique. The clashes are found once over all layers of a kind
/// (a collected step), not by scanning every type's siblings on each keystroke.
/// </summary>
internal static class HintNames
{
    /// <summary>The metadata names (sorted) whose file name would clash with another layer's.</summary>
    public static EquatableArray<string> Clashing(ImmutableArray<LayerModel> models)
    {
        var byKey = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var clashing = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var model in models)
        {
            var name = model.Target.MetadataName;
            var key = Base(name);
            if (!byKey.TryGetValue(key, out var first))
                byKey.Add(key, name);
            else if (first != name)
            {
                clashing.Add(first);
                clashing.Add(name);
            }
        }

        var result = new string[clashing.Count];
        clashing.CopyTo(result);
        return new EquatableArray<string>(result);
    }

    public static string Of(LayerModel model, EquatableArray<string> clashing)
    {
        var name = model.Target.MetadataName;
        var suffix = model.Layer.Info.Name;
        return clashing.AsSpan().IndexOf(name) >= 0
            ? $"{Base(name)}.{Fnv(name):x8}.{suffix}.g.cs"
            : $"{Base(name)}.{suffix}.g.cs";
    }

    private static string Base(string metadataName) => string.Join(".", metadataName.Split('+'));

    private static uint Fnv(string s)
    {
        var hash = 2166136261u;
        foreach (var c in s) hash = unchecked((hash ^ c) * 16777619u);
        return hash;
    }
}
