using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;

namespace ConvGen.CodeFixes;

/// <summary>The diagnostics a "fix all" covers, document by document.</summary>
internal static class FixAllDiagnostics
{
    public static async Task<IReadOnlyList<(Document Document, ImmutableArray<Diagnostic> Diagnostics)>> CollectAsync(FixAllContext context)
    {
        var documents = context.Scope switch
        {
            FixAllScope.Document => context.Document is { } document ? new[] { document } : new Document[0],
            FixAllScope.Project => context.Project.Documents.ToArray(),
            FixAllScope.Solution => context.Solution.Projects.SelectMany(p => p.Documents).ToArray(),
            _ => new Document[0],
        };

        var result = new List<(Document, ImmutableArray<Diagnostic>)>();
        foreach (var document in documents)
        {
            var diagnostics = await context.GetDocumentDiagnosticsAsync(document).ConfigureAwait(false);
            if (!diagnostics.IsEmpty)
                result.Add((document, diagnostics));
        }

        return result;
    }
}
