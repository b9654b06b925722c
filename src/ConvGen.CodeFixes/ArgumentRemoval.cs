using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace ConvGen.CodeFixes;

/// <summary>
/// Removes attribute arguments as text, so that the rest of the attribute keeps its layout exactly. An argument goes
/// with its own comma, the comments before it on its own lines, and the rest of its line after that comma; an argument
/// on a line of its own leaves no empty line. Where the last arguments go, the comma before them goes too, and a
/// comment after that comma stays (the `)` then starts the next line).
/// </summary>
internal static class ArgumentRemoval
{
    public static async Task<Document> RemoveAsync(Document document, IEnumerable<AttributeArgumentSyntax> arguments, CancellationToken ct)
    {
        var changes = arguments
            .Where(a => a.Parent is AttributeArgumentListSyntax)
            .GroupBy(a => (AttributeArgumentListSyntax)a.Parent!)
            .SelectMany(g => Changes(g.Key, new HashSet<AttributeArgumentSyntax>(g)))
            .OrderBy(c => c.Span.Start)
            .ToArray();
        if (changes.Length == 0) return document;
        var text = await document.GetTextAsync(ct).ConfigureAwait(false);
        return document.WithText(text.WithChanges(changes));
    }

    private static IEnumerable<TextChange> Changes(AttributeArgumentListSyntax list, HashSet<AttributeArgumentSyntax> removed)
    {
        var args = list.Arguments;
        var lastKept = -1;
        for (var i = 0; i < args.Count; i++)
            if (!removed.Contains(args[i])) lastKept = i;

        // Before the last kept argument: the argument with its leading trivia, its comma and the comma's trailing trivia.
        for (var i = 0; i < lastKept; i++)
            if (removed.Contains(args[i]))
                yield return Delete(args[i].FullSpan.Start, args.GetSeparator(i).FullSpan.End);

        if (lastKept == args.Count - 1) yield break;

        // The trailing run: from the comma after the last kept argument to the end of the last argument.
        var end = args[args.Count - 1].FullSpan.End;
        if (lastKept < 0)
        {
            yield return Delete(args[0].FullSpan.Start, end);
            yield break;
        }

        var comma = args.GetSeparator(lastKept);
        if (comma.TrailingTrivia.Any(t => t.IsKind(SyntaxKind.SingleLineCommentTrivia) || t.IsKind(SyntaxKind.MultiLineCommentTrivia)))
        {
            // The comment belongs to the kept argument: keep it (and the line break a // comment needs).
            yield return Delete(comma.Span.Start, comma.Span.End);
            yield return Delete(comma.FullSpan.End, end);
        }
        else
        {
            yield return Delete(comma.Span.Start, end);
        }
    }

    private static TextChange Delete(int start, int end) => new(TextSpan.FromBounds(start, end), "");
}
