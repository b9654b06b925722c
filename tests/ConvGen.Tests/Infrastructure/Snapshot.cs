using System;
using System.IO;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.RegularExpressions;
using DiffPlex;
using DiffPlex.DiffBuilder;
using DiffPlex.DiffBuilder.Model;
using Xunit;

namespace ConvGen.Tests.Infrastructure;

/// <summary>
/// A small stand-in for Verify (not served here), following its conventions so that it can be swapped in:
/// files in <c>_snapshots/</c> next to the test sources, <c>&lt;Class&gt;.&lt;Test&gt;#&lt;hint&gt;.verified.cs</c> for a
/// generated source (the hint without its <c>.g.cs</c>) and <c>&lt;Class&gt;.&lt;Test&gt;.verified.txt</c> for text such as
/// diagnostics. A mismatch or a missing verified file writes <c>.received.*</c> beside it (git-ignored) and fails
/// with a unified diff; <c>VERIFY_AUTOVERIFY=true</c> (or <c>1</c>) writes the verified file instead and passes.
/// </summary>
internal static class Snapshot
{
    private const int ContextLines = 3;
    private const int MaxDiffLines = 200;

    private static readonly Regex GeneratedCodeVersion =
        new(@"(GeneratedCode\(""ConvGen"", "")[^""]*(""\))", RegexOptions.Compiled);

    public static bool AutoVerify =>
        Environment.GetEnvironmentVariable("VERIFY_AUTOVERIFY") is { } v &&
        (v.Equals("true", StringComparison.OrdinalIgnoreCase) || v == "1");

    /// <summary>Verifies one generated source: <c>&lt;Class&gt;.&lt;Test&gt;#&lt;hint&gt;.verified.cs</c>.</summary>
    public static void VerifySource(string hintName, string source,
        [CallerFilePath] string callerFile = "", [CallerMemberName] string test = "")
    {
        var hint = hintName.EndsWith(".g.cs", StringComparison.Ordinal) ? hintName[..^".g.cs".Length]
            : hintName.EndsWith(".cs", StringComparison.Ordinal) ? hintName[..^".cs".Length]
            : hintName;
        Verify(callerFile, $"{Path.GetFileNameWithoutExtension(callerFile)}.{test}#{hint}", "cs", source);
    }

    /// <summary>Verifies text (e.g. formatted diagnostics): <c>&lt;Class&gt;.&lt;Test&gt;.verified.txt</c>.</summary>
    public static void VerifyText(string text,
        [CallerFilePath] string callerFile = "", [CallerMemberName] string test = "") =>
        Verify(callerFile, $"{Path.GetFileNameWithoutExtension(callerFile)}.{test}", "txt", text);

    /// <summary>Line endings to \n, the generator version to VERSION, exactly one final newline.</summary>
    public static string Scrub(string text)
    {
        text = text.Replace("\r\n", "\n").Replace('\r', '\n');
        text = GeneratedCodeVersion.Replace(text, "${1}VERSION${2}");
        return text.TrimEnd('\n') + "\n";
    }

    /// <summary>
    /// <c>_snapshots/</c> in the project folder, found from the test's source path (so any working directory
    /// works); where that path was mapped away (<c>ContinuousIntegrationBuild</c>, <c>/_/…</c>), found by walking
    /// up from the test binaries instead.
    /// </summary>
    public static string Directory([CallerFilePath] string callerFile = "")
    {
        const string project = "ConvGen.Tests.csproj";
        for (var dir = Path.GetDirectoryName(callerFile); !string.IsNullOrEmpty(dir); dir = Path.GetDirectoryName(dir))
        {
            if (File.Exists(Path.Combine(dir, project)))
                return Path.Combine(dir, "_snapshots");
        }

        for (var dir = AppContext.BaseDirectory; !string.IsNullOrEmpty(dir); dir = Path.GetDirectoryName(dir))
        {
            var candidate = Path.Combine(dir, "tests", "ConvGen.Tests");
            if (File.Exists(Path.Combine(candidate, project)))
                return Path.Combine(candidate, "_snapshots");
            if (File.Exists(Path.Combine(dir, project)))
                return Path.Combine(dir, "_snapshots");
        }

        throw new InvalidOperationException($"{project} not found above {callerFile} or {AppContext.BaseDirectory}");
    }

    private static void Verify(string callerFile, string name, string extension, string text)
    {
        var folder = Directory(callerFile);
        System.IO.Directory.CreateDirectory(folder);
        var verifiedPath = Path.Combine(folder, $"{name}.verified.{extension}");
        var receivedPath = Path.Combine(folder, $"{name}.received.{extension}");
        var received = Scrub(text);

        var verified = File.Exists(verifiedPath) ? Scrub(File.ReadAllText(verifiedPath)) : null;
        if (verified == received)
        {
            File.Delete(receivedPath);
            return;
        }

        if (AutoVerify)
        {
            File.WriteAllText(verifiedPath, received, new UTF8Encoding(false));
            File.Delete(receivedPath);
            return;
        }

        File.WriteAllText(receivedPath, received, new UTF8Encoding(false));
        Assert.Fail(verified is null
            ? $"No verified snapshot {verifiedPath}.\nThe received text is in {receivedPath}; review it and rename it to .verified.{extension} (or run with VERIFY_AUTOVERIFY=1)."
            : $"Snapshot mismatch: {verifiedPath}\nreceived: {receivedPath}\n\n{UnifiedDiff(verified, received, Path.GetFileName(verifiedPath), Path.GetFileName(receivedPath))}");
    }

    /// <summary>A unified diff (hunks with <see cref="ContextLines"/> lines of context), capped at <see cref="MaxDiffLines"/> lines.</summary>
    public static string UnifiedDiff(string oldText, string newText, string oldName, string newName)
    {
        var lines = new InlineDiffBuilder(new Differ()).BuildDiffModel(oldText, newText, false).Lines;
        var sb = new StringBuilder().Append("--- ").Append(oldName).Append('\n').Append("+++ ").Append(newName).Append('\n');
        var written = 0;
        var i = 0;
        while (i < lines.Count)
        {
            if (lines[i].Type == ChangeType.Unchanged) { i++; continue; }

            // One hunk: from ContextLines before this change to ContextLines after the last change that is
            // no more than 2·ContextLines unchanged lines away from the previous one.
            var start = Math.Max(0, i - ContextLines);
            var end = i;
            while (end < lines.Count)
            {
                if (lines[end].Type != ChangeType.Unchanged) { end++; continue; }
                var next = end;
                while (next < lines.Count && lines[next].Type == ChangeType.Unchanged) next++;
                if (next == lines.Count || next - end > 2 * ContextLines) break;
                end = next;
            }

            var stop = Math.Min(lines.Count, end + ContextLines);
            int oldStart = 1, newStart = 1;
            for (var k = 0; k < start; k++)
            {
                if (lines[k].Type != ChangeType.Inserted) oldStart++;
                if (lines[k].Type != ChangeType.Deleted) newStart++;
            }

            int oldCount = 0, newCount = 0;
            for (var k = start; k < stop; k++)
            {
                if (lines[k].Type != ChangeType.Inserted) oldCount++;
                if (lines[k].Type != ChangeType.Deleted) newCount++;
            }

            sb.Append($"@@ -{oldStart},{oldCount} +{newStart},{newCount} @@\n");
            for (var k = start; k < stop; k++)
            {
                if (++written > MaxDiffLines)
                {
                    sb.Append("… (diff truncated)\n");
                    return sb.ToString();
                }

                var prefix = lines[k].Type switch
                {
                    ChangeType.Inserted => '+',
                    ChangeType.Deleted => '-',
                    _ => ' ',
                };
                sb.Append(prefix).Append(lines[k].Text).Append('\n');
            }

            i = stop;
        }

        return sb.ToString();
    }
}
