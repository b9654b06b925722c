using System;
using Microsoft.CodeAnalysis.Text;

namespace ConvGen.Tests.Infrastructure;

/// <summary>
/// Source with one expected diagnostic span marked as <c>[|…|]</c> (the Roslyn test convention): the text between
/// the markers is the located text, and its position pins down which of several equal-looking arguments is meant.
/// </summary>
internal readonly record struct Marked(string Source, TextSpan Span)
{
    public const string Open = "[|", Close = "|]";

    public string LocatedText => Source.Substring(Span.Start, Span.Length);

    public static Marked Parse(string marked)
    {
        var start = marked.IndexOf(Open, StringComparison.Ordinal);
        var end = marked.IndexOf(Close, StringComparison.Ordinal);
        if (start < 0 || end < start || marked.IndexOf(Open, start + 1, StringComparison.Ordinal) >= 0)
            throw new ArgumentException("Mark exactly one span with [| and |]: " + marked, nameof(marked));
        var source = marked.Remove(end, Close.Length).Remove(start, Open.Length);
        return new Marked(source, TextSpan.FromBounds(start, end - Open.Length));
    }
}
