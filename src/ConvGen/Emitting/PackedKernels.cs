using System.Collections.Generic;
using System.Linq;
using ConvGen.Model;
using ConvGen.Planning;

namespace ConvGen.Emitting;

/// <summary>
/// Forward on packed weights (<see cref="PackedPlan"/>): the public <c>PackedWeightsLength</c>, <c>PackWeights</c> and
/// <c>ForwardPacked</c>, and the kernels behind them, one per vector width whose lanes divide D/Groups, plus scalar loops.
/// </summary>
internal static class PackedKernels
{
    private const string Unsafe = SimdKernels.Unsafe;
    private const string Marshal = SimdKernels.Marshal;

    /// <summary>A target for deciding whether a layer has packed members (a base type's, whose members a derived type hides).</summary>
    public static readonly TypeTarget Probe = new(null, EquatableArray<string>.Empty, "static class", "Probe", "Probe", EquatableArray<string>.Empty);

    /// <summary>The packed layout in words, for the docs.</summary>
    private static string Layout(KernelContext ctx)
    {
        var g = ctx.Geometry;
        var s = ctx.Spec;
        var taps = ctx.Layer.Rank == 1 ? "k" : "p, q";
        var tapCount = ctx.Layer.Rank == 1 ? "K" : "P × Q";
        return $"[group, input channel of the group, {taps}, output channel of the group]: Groups × C/Groups × {tapCount} × D/Groups = {s.Groups} × {g.SrcPerGroup} × {(ctx.Layer.Rank == 1 ? s.Q.ToString() : $"{s.P} × {s.Q}")} × {g.DestPerGroup}";
    }

    private static string Parameters(KernelContext ctx, string weights, bool kernel)
    {
        var T = ctx.T;
        var list = new List<string> { $"{Names.ReadOnlySpan}<{T}> {(kernel ? "x" : "input")}", $"{Names.ReadOnlySpan}<{T}> {weights}" };
        if (ctx.Spec.Bias) list.Add($"{Names.ReadOnlySpan}<{T}> {(kernel ? "b" : "bias")}");
        if (ctx.Spec.Residual) list.Add($"{Names.ReadOnlySpan}<{T}> {(kernel ? "res" : "residual")}");
        list.Add($"{Names.Span}<{T}> {(kernel ? "y" : "output")}");
        return string.Join(", ", list);
    }

    /// <summary>The public members: the packed length, PackWeights and ForwardPacked.</summary>
    public static void EmitMembers(SourceWriter w, KernelContext ctx)
    {
        var packed = ctx.Packed;
        if (packed is null) return;
        var g = ctx.Geometry;
        var s = ctx.Spec;
        var T = ctx.T;
        var layer = ctx.Layer;
        w.Line();
        w.Line($"/// <summary>Elements of the packed weights ForwardPacked reads: the WeightsLength weights reordered by PackWeights, {Layout(ctx)}.</summary>");
        w.Line(LayerEmitter.GeneratedCode);
        w.Line($"public {ctx.New("PackedWeightsLength")}const int PackedWeightsLength = {g.WeightsLength};");

        w.Line();
        w.Line("/// <summary>Lays the weights out as ForwardPacked reads them: each tap's weights for the output channels of a group");
        w.Line($"/// contiguous, {Layout(ctx)}. Pack once, then call ForwardPacked as often as the weights stay the same.</summary>");
        w.Line("/// <param name=\"weights\">The weights, WeightsLength elements: " + Docs.WeightsLayout(layer) + ".</param>");
        w.Line("/// <param name=\"packedWeights\">Receives PackedWeightsLength elements (overwritten).</param>");
        w.Line("/// <exception cref=\"global::System.ArgumentException\">A length is wrong, or the spans overlap.</exception>");
        w.Line(LayerEmitter.GeneratedCode);
        using (w.Block($"public static {ctx.New("PackWeights")}void PackWeights({Names.ReadOnlySpan}<{T}> weights, {Names.Span}<{T}> packedWeights)"))
        {
            w.Line($"{Names.Guard}.Exact<{T}>(weights, WeightsLength, nameof(weights));");
            w.Line($"{Names.Guard}.Exact<{T}>(packedWeights, PackedWeightsLength, nameof(packedWeights));");
            w.Line($"{Names.Guard}.NoOverlap<{T}>(weights, packedWeights, nameof(weights), nameof(packedWeights));");
            w.Line("int i = 0;");
            using (w.Block($"for (int u = 0; u < {g.DestC}; u++)"))
            {
                w.Line($"int at = u / {g.DestPerGroup} * {g.SrcPerGroup * s.P * s.Q * g.DestPerGroup} + u % {g.DestPerGroup};");
                using (w.Block($"for (int t = 0; t < {g.SrcPerGroup * s.P * s.Q}; t++)"))
                    w.Line($"packedWeights[at + t * {g.DestPerGroup}] = weights[i++];");
            }
        }

        var formula = s.Activation.Formula("M·x" + (s.Bias ? " + bias" : "") + (s.Residual ? " + residual" : ""));
        w.Line();
        w.Line($"/// <summary>Forward on packed weights: <c>y = {formula}</c> for each of the N ≥ 1 samples in <paramref name=\"input\"/>, M built from");
        w.Line("/// the weights PackWeights laid out. Its kernels put output channels across the vector lanes: each tap's weights for a block of");
        w.Line($"/// channels are one vector load and each input element one broadcast ({string.Join(", ", packed.Widths.Select(b => $"Vector{b}: {packed.Block(b)} channels × {Positions(packed, b)} positions per register tile"))}),");
        w.Line($"/// where Forward's row kernels have {(ctx.Of(Member.Forward)!.Widths.Count > 0 ? $"{g.DestW}-wide rows for Vector{ctx.Of(Member.Forward)!.Widths[0].Bits} at most" : "no vector kernel")}.");
        w.Line("/// The sums run in another order than Forward's, so results agree with Forward's to rounding, not bit for bit.</summary>");
        w.Line($"/// <param name=\"input\">N samples of InputLength elements, {layer.Info.Layout}.</param>");
        w.Line("/// <param name=\"packedWeights\">PackedWeightsLength elements, as PackWeights writes them.</param>");
        if (s.Bias) w.Line("/// <param name=\"bias\">The bias, BiasLength elements.</param>");
        if (s.Residual)
            w.Line($"/// <param name=\"residual\">N samples of OutputLength elements, {layer.Info.Layout}, added before the activation; may be <paramref name=\"output\"/> itself (in place) or overlap <paramref name=\"input\"/>, but not partly overlap <paramref name=\"output\"/>.</param>");
        w.Line("/// <param name=\"output\">Receives N samples of OutputLength elements (overwritten).</param>");
        w.Line("/// <exception cref=\"global::System.ArgumentException\">A length is wrong, a span is empty, the batch sizes differ, or the destination overlaps a source.</exception>");
        w.Line("/// <remarks>Allocates nothing: its buffers are on the stack. Thread-safe.</remarks>");
        w.Line(LayerEmitter.GeneratedCode);
        w.Line("[global::System.Diagnostics.CodeAnalysis.ExcludeFromCodeCoverage]");
        using (w.Block($"public static {ctx.New("ForwardPacked")}void ForwardPacked({Parameters(ctx, "packedWeights", kernel: false)})"))
        {
            foreach (var check in PublicMembers.ForwardChecks(ctx, "packedWeights")) w.Line(check);
            using (w.Block("for (int n = 0; n < samples; n++)"))
                w.Line($"{Names.KernelsClass}.ForwardPacked(input.Slice(n * InputLength, InputLength), packedWeights, {(s.Bias ? "bias, " : "")}{(s.Residual ? "residual.Slice(n * OutputLength, OutputLength), " : "")}output.Slice(n * OutputLength, OutputLength));");
        }
    }

    private static int Positions(PackedPlan packed, int bits)
    {
        var (rows, chunks) = packed.Tile(bits);
        return rows * chunks.Max(c => c.Width);
    }

    /// <summary>The kernels: a dispatch, one per width, and scalar loops.</summary>
    public static void EmitKernels(SourceWriter w, KernelContext ctx)
    {
        var packed = ctx.Packed;
        if (packed is null) return;
        var args = "x, w, " + (ctx.Spec.Bias ? "b, " : "") + (ctx.Spec.Residual ? "res, " : "") + "y";
        var parameters = Parameters(ctx, "w", kernel: true);
        w.Line();
        w.Line("/// <summary>One sample of ForwardPacked: the widest accelerated width whose lanes divide D/Groups, else scalar loops.</summary>");
        using (w.Block($"public static void ForwardPacked({parameters})"))
            SimdKernels.EmitDispatch(w, packed.Widths, "ForwardPacked", args);

        foreach (var bits in packed.Widths)
        {
            if (ctx.Simd is null || ctx.Members.All(m => m.Widths.Count == 0) || ctx.Simd.AllWidths.All(x => x.Bits != bits))
            {
                w.Line();
                SimdKernels.EmitFma(w, ctx.T, bits);
            }

            w.Line();
            var (rows, chunks) = packed.Tile(bits);
            w.Line($"/// <summary>ForwardPacked with Vector{bits}: {packed.Block(bits)} output channels × {rows} row{(rows > 1 ? "s" : "")} × {string.Join(" + ", chunks.Select(c => c.Width))} columns per register tile.</summary>");
            w.Line(SimdKernels.Optimized);
            using (w.Block($"private static void ForwardPacked{bits}({parameters})"))
                Vector(w, ctx, packed, bits);
        }

        w.Line();
        w.Line("/// <summary>ForwardPacked without SIMD.</summary>");
        w.Line(SimdKernels.Optimized);
        using (w.Block($"private static void ForwardPackedScalar({parameters})"))
            LoopedKernels.Emit(w, ctx, LoopKind.Gather, src: "x", dest: "y", forward: true, packed: true);
    }

    /// <summary>A width's vector type, lanes, channel vectors per tile and channels per block.</summary>
    private sealed record Shape(string V, int Lanes, int Vectors, int Block)
    {
        public static Shape Of(PackedPlan packed, int bits) =>
            new(SimdKernels.VectorType(bits), packed.LanesOf(bits), packed.Vectors(bits), packed.Block(bits));
    }

    private static void Vector(SourceWriter w, KernelContext ctx, PackedPlan packed, int bits)
    {
        var g = ctx.Geometry;
        var s = ctx.Spec;
        var T = ctx.T;
        var (V, lanes, nb, block) = Shape.Of(packed, bits);
        var tileLength = g.DestPlane * block;
        var bufLength = packed.InPlace ? 0 : packed.BufferLength;
        w.Line($"{Names.Span}<{T}> scratch = {ScratchSource.Buffer(T, bufLength + tileLength)};");
        if (!packed.InPlace)
        {
            w.Line($"{Names.Span}<{T}> buf = scratch.Slice(0, {bufLength});");
            w.Line($"ref {T} bufRef = ref {Marshal}.GetReference(buf);");
        }

        w.Line($"{Names.Span}<{T}> tile = scratch.Slice({bufLength}, {tileLength});");
        w.Line($"ref {T} tRef = ref {Marshal}.GetReference(tile);");
        w.Line($"ref {T} wRef = ref {Marshal}.GetReference(w);");
        if (s.Bias) w.Line($"ref {T} bRef = ref {Marshal}.GetReference(b);");
        if (!packed.InPlace) w.Line(LoopedKernels.MapLocals(g));
        using (w.For("g", s.Groups))
        {
            if (packed.InPlace)
            {
                w.Line("// No padding is read: the group's input channels where they are.");
                w.Line($"ref {T} bufRef = ref {Unsafe}.Add(ref {Marshal}.GetReference(x), g * {g.SrcPerGroup * g.SrcPlane});");
            }
            else Fill(w, ctx, packed);

            using (w.Block($"for (int ub = 0; ub < {g.DestPerGroup}; ub += {block})"))
            {
                w.Line($"int u0 = g * {g.DestPerGroup} + ub;");
                if (s.Bias)
                    for (var b = 0; b < nb; b++)
                        w.Line($"var bias{b} = {V}.LoadUnsafe(ref bRef, (nuint)(u0{SimdKernels.Plus(b * lanes)}));");
                var (rows, chunks) = packed.Tile(bits);
                var rest = g.DestH % rows;
                using (w.Block($"for (int v0 = 0; v0 <= {g.DestH - rows}; v0 += {rows})"))
                    foreach (var chunk in chunks)
                        Tile(w, ctx, packed, bits, rows, chunk);
                if (rest > 0)
                    using (w.Block(""))
                    {
                        w.Line($"const int v0 = {g.DestH - rest};");
                        foreach (var chunk in chunks)
                            Tile(w, ctx, packed, bits, rest, chunk);
                    }

                WriteOut(w, ctx, block);
            }
        }
    }

    /// <summary>One register tile: rows × chunk.Width positions from (v0, chunk.Start), every channel vector of the block.</summary>
    private static void Tile(SourceWriter w, KernelContext ctx, PackedPlan packed, int bits, int rows, (int Start, int Width) chunk)
    {
        var g = ctx.Geometry;
        var s = ctx.Spec;
        var T = ctx.T;
        var (V, lanes, nb, block) = Shape.Of(packed, bits);
        var pw = packed.RowStride;
        var plane = packed.ChannelStride;
        var count = rows * chunk.Width;
        var positions = Enumerable.Range(0, count).Select(k => (Dv: k / chunk.Width, Dc: k % chunk.Width)).ToList();
        using (w.Block($"// positions (v0 … v0 + {rows - 1}, {chunk.Start} … {chunk.Start + chunk.Width - 1})"))
        {
            for (var b = 0; b < nb; b++)
                w.Line($"{V}<{T}> " + string.Join(", ", Enumerable.Range(0, count).Select(k => $"a{k}_{b} = default")) + ";");
            w.Line($"nint bo = v0 * {s.StrideH * pw}{SimdKernels.Plus(chunk.Start * s.StrideW)};");
            w.Line($"nint wo = g * {g.SrcPerGroup * s.P * s.Q * g.DestPerGroup} + ub;");
            using (w.Block($"for (int il = 0; il < {g.SrcPerGroup}; il++, bo += {plane}, wo += {s.P * s.Q * g.DestPerGroup})"))
            {
                // bufBase/weightBase: the tap's offsets as code (loop variables), plus the constants bufTap/weightTap.
                void Tap(string bufBase, int bufTap, string weightBase, int weightTap)
                {
                    for (var b = 0; b < nb; b++)
                        w.Line($"var w{b} = {V}.LoadUnsafe(ref wRef, (nuint)({weightBase}{SimdKernels.Plus(weightTap + b * lanes)}));");
                    for (var k = 0; k < count; k++)
                    {
                        var (dv, dc) = positions[k];
                        w.Line($"var x{k} = {V}.Create({Unsafe}.Add(ref bufRef, {bufBase}{SimdKernels.Plus(bufTap + dv * s.StrideH * pw + dc * s.StrideW)}));");
                        for (var b = 0; b < nb; b++)
                            w.Line($"a{k}_{b} = Fma{bits}(w{b}, x{k}, a{k}_{b});");
                    }
                }

                if (packed.UnrollTaps(bits))
                {
                    for (var p = 0; p < s.P; p++)
                        for (var q = 0; q < s.Q; q++)
                            using (w.Block($"// tap ({p}, {q})"))
                                Tap("bo", p * s.DilationH * pw + q * s.DilationW, "wo", (p * s.Q + q) * g.DestPerGroup);
                }
                else
                {
                    using (w.Block($"for (int p = 0; p < {s.P}; p++)"))
                    using (w.Block($"for (int q = 0; q < {s.Q}; q++)"))
                        Tap($"bo + p * {s.DilationH * pw} + {SourceWriter.Times("q", s.DilationW)}", 0, $"wo + (p * {s.Q} + q) * {g.DestPerGroup}", 0);
                }
            }

            for (var k = 0; k < count; k++)
            {
                var (dv, dc) = positions[k];
                var pos = dv * g.DestW + chunk.Start + dc;
                for (var b = 0; b < nb; b++)
                    w.Line($"{V}.StoreUnsafe({Epilogue(ctx, bits, $"a{k}_{b}{(s.Bias ? $" + bias{b}" : "")}")}, ref tRef, (nuint)((v0 * {g.DestW}{SimdKernels.Plus(pos)}) * {block}{SimdKernels.Plus(b * lanes)}));");
            }
        }
    }

    /// <summary>
    /// The block's channels out of tile[position · block + channel] into y's planes (with the residual, then the
    /// activation, where the layer has one): float by 4 × 4 transposes of Vector128s where SSE is there, else element by element.
    /// </summary>
    private static void WriteOut(SourceWriter w, KernelContext ctx, int block)
    {
        var g = ctx.Geometry;
        var s = ctx.Spec;
        var T = ctx.T;
        var n = g.DestPlane;
        var V = SimdKernels.VectorType(128);
        const string Sse = "global::System.Runtime.Intrinsics.X86.Sse";
        var vector = ctx.Spec.Element.Size == 4 && n >= 4;
        w.Line($"// The block's channels out of tile[position · {block} + channel], into y's planes{(s.Residual ? ", with the residual, then the activation" : "")}.");
        w.Line($"ref {T} yRef = ref {Marshal}.GetReference(y);");
        if (s.Residual) w.Line($"ref {T} rRef = ref {Marshal}.GetReference(res);");
        using (w.Block($"for (int j = 0; j < {block}; j += {(vector ? 4 : 1)})"))
        {
            w.Line($"nint at = (u0 + j) * {n};");
            w.Line("int k = 0;");
            if (vector)
            {
                using (w.Block($"if ({Sse}.IsSupported)"))
                using (w.Block($"for (; k <= {n - 4}; k += 4)"))
                {
                    for (var i = 0; i < 4; i++)
                        w.Line($"var r{i} = {V}.LoadUnsafe(ref tRef, (nuint)((k{(i == 0 ? "" : $" + {i}")}) * {block} + j));");
                    w.Line($"var t0 = {Sse}.UnpackLow(r0, r1); var t1 = {Sse}.UnpackLow(r2, r3); var t2 = {Sse}.UnpackHigh(r0, r1); var t3 = {Sse}.UnpackHigh(r2, r3);");
                    string[] columns = { $"{Sse}.MoveLowToHigh(t0, t1)", $"{Sse}.MoveHighToLow(t1, t0)", $"{Sse}.MoveLowToHigh(t2, t3)", $"{Sse}.MoveHighToLow(t3, t2)" };
                    for (var i = 0; i < 4; i++)
                    {
                        var offset = $"at{(i == 0 ? "" : $" + {i * n}")} + k";
                        var value = s.Residual
                            ? ActivationCode.Vector(s.Activation, 128, s.Element, $"{columns[i]} + {V}.LoadUnsafe(ref rRef, (nuint)({offset}))")
                            : columns[i];
                        w.Line($"{V}.StoreUnsafe({value}, ref yRef, (nuint)({offset}));");
                    }
                }
            }

            using (w.Block($"for (; k < {n}; k++)"))
                for (var i = 0; i < (vector ? 4 : 1); i++)
                {
                    var offset = $"at{(i == 0 ? "" : $" + {i * n}")} + k";
                    var value = $"{Unsafe}.Add(ref tRef, k * {block} + j{(i == 0 ? "" : $" + {i}")})";
                    w.Line($"{Unsafe}.Add(ref yRef, {offset}) = {(s.Residual ? ctx.Activate($"{value} + {Unsafe}.Add(ref rRef, {offset})") : value)};");
                }
        }
    }

    /// <summary>The value a tile stores: the activation applied where no residual comes after it.</summary>
    private static string Epilogue(KernelContext ctx, int bits, string value) =>
        ctx.Spec.Residual ? value : ActivationCode.Vector(ctx.Spec.Activation, bits, ctx.Spec.Element, value);

    /// <summary>The group's input channels, padded: buf[(il · PaddedHeight + row) · PaddedWidth + column]; each row's
    /// interior copied as a block, its padding through the column map.</summary>
    private static void Fill(SourceWriter w, KernelContext ctx, PackedPlan packed)
    {
        var g = ctx.Geometry;
        var s = ctx.Spec;
        var T = ctx.T;
        var ph = packed.PaddedHeight;
        var pw = packed.PaddedWidth;
        var lo = System.Math.Min(s.PadLeft, pw);
        var count = System.Math.Max(0, System.Math.Min(g.SrcW, pw - lo));
        w.Line("// The group's input channels, padded: buf[(il · PaddedHeight + row) · PaddedWidth + column].");
        using (w.Block($"for (int il = 0; il < {g.SrcPerGroup}; il++)"))
        using (w.Block($"for (int pr = 0; pr < {ph}; pr++)"))
        {
            w.Line("int r = rowMap[pr];");
            w.Line($"{Names.Span}<{T}> row = buf.Slice((il * {ph} + pr) * {pw}, {pw});");
            using (w.Block("if (r < 0)"))
            {
                w.Line("row.Clear();");
                w.Line("continue;");
            }

            w.Line($"{Names.ReadOnlySpan}<{T}> src = x.Slice((g * {g.SrcPerGroup} + il) * {g.SrcPlane} + r * {g.SrcW}, {g.SrcW});");
            if (count > 0) w.Line($"src.Slice(0, {count}).CopyTo(row.Slice({lo}, {count}));");
            void Border(int from, int to)
            {
                if (from >= to) return;
                using (w.Block($"for (int pc = {from}; pc < {to}; pc++)"))
                {
                    w.Line("int c = colMap[pc];");
                    w.Line($"row[pc] = c < 0 ? {ctx.Zero} : src[c];");
                }
            }

            Border(0, lo);
            Border(lo + count, pw);
        }
    }
}
