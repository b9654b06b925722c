using System;
using System.Text;

namespace ConvGen.Emitting;

/// <summary>Indented text with block scopes: <c>using (w.Block("for (…)")) { … }</c>.</summary>
internal sealed class SourceWriter
{
    private readonly StringBuilder _sb = new();
    private int _indent;

    public int Length => _sb.Length;

    public SourceWriter Line(string text = "")
    {
        if (text.Length > 0) _sb.Append(' ', _indent * 4).Append(text);
        _sb.Append('\n');
        return this;
    }

    /// <summary>Writes several lines (each indented), e.g. a raw string block.</summary>
    public SourceWriter Lines(string text)
    {
        // Lines end in \n or \r\n (a raw string literal keeps its source file's line endings); trailing empty lines are dropped.
        var lines = text.Split('\n');
        var count = lines.Length;
        while (count > 1 && lines[count - 1].TrimEnd('\r').Length == 0) count--;
        for (var i = 0; i < count; i++)
            Line(lines[i].TrimEnd('\r'));
        return this;
    }

    public IDisposable Block(string head)
    {
        if (head.Length > 0) Line(head);
        Line("{");
        _indent++;
        return new Scope(this);
    }

    /// <summary><c>for (int v = 0; v &lt; count; v += step)</c>, or a block with <c>const int v = 0;</c> when it runs once.</summary>
    public IDisposable For(string variable, int count, int step = 1)
    {
        if (count <= step)
        {
            var block = Block("");
            Line($"const int {variable} = 0;");
            return block;
        }

        return Block(step == 1 ? $"for (int {variable} = 0; {variable} < {count}; {variable}++)" : $"for (int {variable} = 0; {variable} < {count}; {variable} += {step})");
    }

    /// <summary>"name * factor", or "name" for a factor of 1.</summary>
    public static string Times(string name, int factor) => factor == 1 ? name : $"{name} * {factor}";

    public void Indent() => _indent++;

    public void Outdent() => _indent--;

    public override string ToString() => _sb.ToString();

    private sealed class Scope : IDisposable
    {
        private readonly SourceWriter _w;
        public Scope(SourceWriter w) => _w = w;

        public void Dispose()
        {
            _w._indent--;
            _w.Line("}");
        }
    }
}
