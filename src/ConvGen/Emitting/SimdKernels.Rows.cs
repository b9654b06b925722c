using System.Linq;
using ConvGen.Model;
using ConvGen.Planning;

namespace ConvGen.Emitting;

/// <summary>The row helpers: FillRow copies a source row into a padded, stride-phase-split buffer row; FlushRow is its adjoint.</summary>
internal static partial class SimdKernels
{
    /// <summary>How a source row lands in a padded buffer row: <c>Left</c> border slots, then <c>Copy</c> source
    /// columns from padded column <c>PadLeft</c>, then the right border up to <c>PaddedWidth</c>.</summary>
    private readonly struct RowCopy
    {
        public RowCopy(KernelContext ctx, SimdPlan plan)
        {
            PaddedWidth = plan.PaddedWidth;
            PadLeft = ctx.Spec.PadLeft;
            Copy = System.Math.Min(ctx.Geometry.SrcW, PaddedWidth - PadLeft);
            Left = System.Math.Min(PadLeft, PaddedWidth);
            Stride = ctx.Spec.StrideW;
            PhaseLength = plan.PhaseLength;
        }

        public int PaddedWidth { get; }
        public int PadLeft { get; }
        public int Copy { get; }
        public int Left { get; }
        public int Stride { get; }
        public int PhaseLength { get; }

        /// <summary>The buffer slot of padded column <paramref name="k"/> (code).</summary>
        public string Slot(string k) => Stride == 1 ? k : $"{k} % {Stride} * {PhaseLength} + {k} / {Stride}";
    }

    private static void EmitFillRow(SourceWriter w, KernelContext ctx, SimdPlan plan, RowCopy row)
    {
        var g = ctx.Geometry;
        var s = ctx.Spec;
        var T = ctx.T;
        int pw = row.PaddedWidth, pl = row.PadLeft, copy = row.Copy, left = row.Left;

        w.Line("/// <summary>Copies source row <paramref name=\"row\"/> (an offset into <paramref name=\"src\"/>, or −1 for a row of zero padding)");
        w.Line("/// into a padded, stride-phase-split buffer row.</summary>");
        w.Line("[global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining | global::System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]");
        using (w.Block($"private static void FillRow({Names.ReadOnlySpan}<{T}> src, int row, {Names.Span}<{T}> dst, {LoopedKernels.MapType(g, rows: false)} colMap)"))
        {
            using (w.Block("if (row < 0)"))
            {
                w.Line("dst.Clear();");
                w.Line("return;");
            }

            w.Line($"{Names.ReadOnlySpan}<{T}> line = src.Slice(row, {g.SrcW});");
            Border(w, left, pl + copy, pw, k => $"dst[{row.Slot(k)}] = colMap[{k}] is int m && m >= 0 ? line[m] : {ctx.Zero};");
            if (copy > 0 && s.StrideW == 1)
                w.Line($"line.Slice(0, {copy}).CopyTo(dst.Slice({pl}));");
            else if (copy > 0)
            {
                w.Line($"ref {T} d = ref {Marshal}.GetReference(dst);");
                w.Line($"ref {T} l = ref {Marshal}.GetReference(line);");
                var phases = Phases(s.StrideW, pl, copy).ToList();
                // Positions where every phase reads inside the row: split whole vectors there with shuffles.
                var vecLo = phases.Count == s.StrideW ? phases.Max(x => x.Lo) : 0;
                var vecHi = phases.Count == s.StrideW ? phases.Min(x => x.Hi) : 0;
                var vectorized = vecHi - vecLo >= 4 && s.StrideW <= 4;
                if (vectorized)
                {
                    w.Line($"nint iv = {vecLo};");
                    var first = true;
                    foreach (var bits in new[] { 512, 256, 128 })
                    {
                        var lanes = bits / 8 / ctx.Spec.Element.Size;
                        if (vecHi - vecLo < lanes) continue;
                        using (w.Block($"{(first ? "if" : "else if")} (global::System.Runtime.Intrinsics.Vector{bits}.IsHardwareAccelerated)"))
                            Deinterleave(w, ctx.Spec.Element, bits, lanes, s.StrideW, plan.PhaseLength, pl, vecHi);
                        first = false;
                    }
                }

                // The positions the vectors did not cover, one element at a time.
                foreach (var (phase, lo, hi) in phases)
                {
                    void Copy(string from, string to)
                    {
                        using (w.Block($"for (nint i = {from}; i < {to}; i++)"))
                            w.Line($"{Unsafe}.Add(ref d, {Offset(phase * plan.PhaseLength, "i")}) = {Unsafe}.Add(ref l, i * {s.StrideW}{Plus(phase - pl)});");
                    }

                    if (!vectorized) Copy($"{lo}", $"{hi}");
                    else
                    {
                        if (lo < vecLo) Copy($"{lo}", $"{vecLo}");
                        Copy("iv", $"{hi}");
                    }
                }
            }
        }

    }

    private static void EmitFlushRow(SourceWriter w, KernelContext ctx, SimdPlan plan, RowCopy row)
    {
        var g = ctx.Geometry;
        var s = ctx.Spec;
        var T = ctx.T;
        int pw = row.PaddedWidth, pl = row.PadLeft, copy = row.Copy, left = row.Left;
        w.Line("/// <summary>The adjoint of <see cref=\"FillRow\"/>: adds a buffer row back into source row <paramref name=\"row\"/> (−1: dropped).</summary>");
        w.Line(Optimized);
        using (w.Block($"private static void FlushRow({Names.ReadOnlySpan}<{T}> buf, {Names.Span}<{T}> src, int row, {LoopedKernels.MapType(g, rows: false)} colMap)"))
        {
            w.Line("if (row < 0) return;");
            w.Line($"{Names.Span}<{T}> line = src.Slice(row, {g.SrcW});");
            Border(w, left, pl + copy, pw, k => $"if (colMap[{k}] is int m && m >= 0) line[m] += buf[{row.Slot(k)}];");
            if (copy > 0 && s.StrideW == 1)
                w.Line($"Add(line.Slice(0, {copy}), buf.Slice({pl}, {copy}));");
            else if (copy > 0)
            {
                w.Line($"ref {T} b = ref {Marshal}.GetReference(buf);");
                w.Line($"ref {T} l = ref {Marshal}.GetReference(line);");
                foreach (var (phase, lo, hi) in Phases(s.StrideW, pl, copy))
                    using (w.Block($"for (nint i = {lo}; i < {hi}; i++)"))
                        w.Line($"{Unsafe}.Add(ref l, i * {s.StrideW}{Plus(phase - pl)}) += {Unsafe}.Add(ref b, {Offset(phase * plan.PhaseLength, "i")});");
            }
        }

    }
}
