using System.Linq;
using ConvGen.Model;

namespace ConvGen.Emitting;

/// <summary>
/// The per-sample members of a 3-D layer (<see cref="Names.SlicesClass"/>): the planar kernels (<see cref="Layer.Planar"/>)
/// run once per depth slice, the depth taps being the planar layer's extra channels.
/// <list type="bullet">
/// <item>[Conv3D]: for output depth z, plane c·R + r of a scratch input holds input channel c at depth
/// z·strideT + r·dilationT − padFront (mapped by the padding mode, or zeros); the planar Forward writes that output slice,
/// the planar Transpose's planes are added back to the depths they came from (the adjoint of the gather), and the planar
/// WeightsGradient adds each slice's contribution.</item>
/// <item>[ConvTranspose3D]: for input depth t, the planar Forward writes D·R planes, plane u·R + r added into output
/// channel u at depth t·strideT + r·dilationT − padFront; bias and activation follow over the whole output. Transpose and
/// WeightsGradient gather those planes back.</item>
/// </list>
/// With Flip the depth taps are mirrored here (r read as R−1−r); the planar kernels mirror the other two axes.
/// </summary>
internal static class SliceEmitter
{
    public static void Emit(SourceWriter w, KernelContext ctx)
    {
        var T = ctx.T;
        w.Line("/// <summary>The 3-D members, one depth slice at a time on the planar kernels of " + Names.KernelsClass + ".</summary>");
        using (w.Block($"private static {ctx.New(Names.SlicesClass)}class {Names.SlicesClass}"))
        {
            Helpers(w, ctx);
            if (ctx.Layer.Transposed) Transposed(w, ctx);
            else Forward(w, ctx);
            if (ctx.HasMatrix)
            {
                w.Line();
                Matrix(w, ctx);
            }
        }
    }

    private sealed class Shape
    {
        public Shape(Layer layer)
        {
            var depth = layer.Axes[0];
            (Depth, R, Stride, Dilation, Pad) = (depth.Size, depth.Kernel, depth.Stride, depth.Dilation, depth.PadBegin);
            OutDepth = layer.OutputSize(0);
            PlaneIn = layer.Axes[1].Size * layer.Axes[2].Size;
            PlaneOut = layer.OutputSize(1) * layer.OutputSize(2);
            Flip = layer.Flip;
        }

        public int Depth { get; }
        public int OutDepth { get; }
        public int R { get; }
        public int Stride { get; }
        public int Dilation { get; }
        public int Pad { get; }
        public int PlaneIn { get; }
        public int PlaneOut { get; }
        public bool Flip { get; }

        /// <summary>The padded depth that tap r of slice <paramref name="slice"/> reaches (before the padding is removed).</summary>
        public string Reach(string slice) => $"{SourceWriter.Times(slice, Stride)} + {(Flip ? $"({R - 1} - r)" : "r")}{(Dilation == 1 ? "" : " * " + Dilation)} - {Pad}";
    }

    private static void Helpers(SourceWriter w, KernelContext ctx)
    {
        var T = ctx.T;
        // Two buffers, the input side's planes and the output side's: each fits an array (the parser checks both
        // lengths against int), their sum need not.
        w.Line("/// <summary>Scratch planes of this thread (input side, output side), allocated on its first call and reused.</summary>");
        w.Line("[global::System.ThreadStatic]");
        w.Line($"private static {T}[]? _inputPlanes;");
        w.Line("[global::System.ThreadStatic]");
        w.Line($"private static {T}[]? _outputPlanes;");
        w.Line();
        using (w.Block($"private static {Names.Span}<{T}> Scratch(ref {T}[]? buffer, int length)"))
        {
            w.Line($"if (buffer is null || buffer.Length < length) buffer = new {T}[length];");
            w.Line("return new " + Names.Span + $"<{T}>(buffer, 0, length);");
        }

        w.Line();
        w.Line("/// <summary>Where padded coordinate <paramref name=\"i\"/> (the leading padding subtracted) reads on an axis of <paramref name=\"n\"/> elements; −1 in zero padding.</summary>");
        using (w.Block("private static int Map(int i, int n)"))
        {
            w.Line("if ((uint)i < (uint)n) return i;");
            w.Line(ctx.Layer.PaddingMode switch
            {
                PaddingMode.Reflect => "return i < 0 ? -i : 2 * (n - 1) - i;",
                PaddingMode.Replicate => "return i < 0 ? 0 : n - 1;",
                PaddingMode.Circular => "return ((i % n) + n) % n;",
                _ => "return -1;",
            });
        }

        w.Line();
        w.Line("/// <summary>a[i] += b[i].</summary>");
        using (w.Block($"private static void AddTo({Names.Span}<{T}> a, {Names.ReadOnlySpan}<{T}> b)"))
        {
            w.Line("int i = 0;");
            using (w.Block("if (global::System.Numerics.Vector.IsHardwareAccelerated)"))
            using (w.Block($"for (; i <= a.Length - global::System.Numerics.Vector<{T}>.Count; i += global::System.Numerics.Vector<{T}>.Count)"))
                w.Line($"(new global::System.Numerics.Vector<{T}>(a.Slice(i)) + new global::System.Numerics.Vector<{T}>(b.Slice(i))).CopyTo(a.Slice(i));");
            using (w.Block("for (; i < a.Length; i++)"))
                w.Line("a[i] += b[i];");
        }

        if (ctx.ConstantWeights && ctx.HasMatrix)
        {
            w.Line();
            w.Line("/// <summary>The constant weights, in the layer's weight layout.</summary>");
            w.Line($"private static readonly {T}[] ConstantWeights = {{ {string.Join(", ", ctx.Layer.Weights!.Value.Select(ctx.Real))} }};");
        }
    }

    private static string Ro(KernelContext ctx, string name) => $"{Names.ReadOnlySpan}<{ctx.T}> {name}";

    private static string Rw(KernelContext ctx, string name) => $"{Names.Span}<{ctx.T}> {name}";

    private static string Weights(KernelContext ctx) => ctx.ConstantWeights ? "" : Ro(ctx, "w") + ", ";

    private static string WeightsArg(KernelContext ctx) => ctx.ConstantWeights ? "" : "w, ";

    private static void Summary(SourceWriter w, string text) => w.Line($"/// <summary>{text}</summary>");

    /// <summary>[Conv3D]: Forward, Transpose, WeightsGradient over output depth slices.</summary>
    private static void Forward(SourceWriter w, KernelContext ctx)
    {
        var layer = ctx.Layer;
        var sh = new Shape(layer);
        var (c, d, r) = (layer.C, layer.D, sh.R);
        var (pin, pout) = (sh.PlaneIn, sh.PlaneOut);
        SlicedForward(w, ctx, sh);

        w.Line();
        Summary(w, "One sample: x = Mᵀ·y, each output depth slice's planes added back to the input depths they read.");
        using (w.Block($"public static void Transpose({Ro(ctx, "y")}, {Weights(ctx)}{Rw(ctx, "x")})"))
        {
            SlicedScratch(w, ctx, sh);
            w.Line("x.Clear();");
            using (w.For("z", sh.OutDepth))
            {
                using (w.For("u", d))
                    w.Line($"y.Slice({SourceWriter.Times($"(u * {sh.OutDepth} + z)", pout)}, {pout}).CopyTo(ys.Slice({SourceWriter.Times("u", pout)}, {pout}));");
                w.Line($"{Names.KernelsClass}.Transpose(ys, {WeightsArg(ctx)}xv);");
                using (w.For("c", c))
                using (w.For("r", r))
                {
                    w.Line($"int m = Map({sh.Reach("z")}, {sh.Depth});");
                    w.Line($"if (m >= 0) AddTo(x.Slice({SourceWriter.Times($"(c * {sh.Depth} + m)", pin)}, {pin}), xv.Slice({SourceWriter.Times($"(c * {r} + r)", pin)}, {pin}));");
                }
            }
        }

        if (ctx.ConstantWeights) return;
        w.Line();
        Summary(w, "One sample: adds its contribution to the weights' gradient g, one output depth slice at a time.");
        using (w.Block($"public static void WeightsGradient({Ro(ctx, "x")}, {Ro(ctx, "gy")}, {Rw(ctx, "g")})"))
        {
            SlicedScratch(w, ctx, sh);
            using (w.For("z", sh.OutDepth))
            {
                ReadPlanes(w, ctx, sh, "x");
                using (w.For("u", d))
                    w.Line($"gy.Slice({SourceWriter.Times($"(u * {sh.OutDepth} + z)", pout)}, {pout}).CopyTo(ys.Slice({SourceWriter.Times("u", pout)}, {pout}));");
                w.Line($"{Names.KernelsClass}.WeightsGradient(xv, ys, g);");
            }
        }
    }

    /// <summary>[Conv3D] Forward: each output depth slice by the planar kernel (with the bias, and the activation unless
    /// a residual must come first), then copied out, or with a residual added and activated element by element.</summary>
    private static void SlicedForward(SourceWriter w, KernelContext ctx, Shape sh)
    {
        var layer = ctx.Layer;
        var pout = sh.PlaneOut;
        Summary(w, "One sample: y = " + layer.Activation.Formula("M·x" + (layer.Bias ? " + bias" : "") + (layer.Residual ? " + residual" : "")) +
                   ", one output depth slice at a time" + (layer.Residual ? " (the residual and the activation added as each slice is copied out)." : "."));
        using (w.Block($"public static void Forward({Ro(ctx, "x")}, {Weights(ctx)}{(layer.Bias ? Ro(ctx, "b") + ", " : "")}{(layer.Residual ? Ro(ctx, "res") + ", " : "")}{Rw(ctx, "y")})"))
        {
            SlicedScratch(w, ctx, sh);
            using (w.For("z", sh.OutDepth))
            {
                ReadPlanes(w, ctx, sh, "x");
                w.Line($"{Names.KernelsClass}.Forward(xv, {WeightsArg(ctx)}{(layer.Bias ? "b, " : "")}ys);");
                using (w.For("u", layer.D))
                {
                    var at = SourceWriter.Times($"(u * {sh.OutDepth} + z)", pout);
                    if (!layer.Residual)
                        w.Line($"ys.Slice({SourceWriter.Times("u", pout)}, {pout}).CopyTo(y.Slice({at}, {pout}));");
                    else
                    {
                        // Element by element at the same index: res may be y itself.
                        w.Line($"int o = {at}, s = {SourceWriter.Times("u", pout)};");
                        using (w.Block($"for (int i = 0; i < {pout}; i++)"))
                            w.Line($"y[o + i] = {ActivationCode.Scalar(layer.Activation, "ys[s + i] + res[o + i]", layer.Element)};");
                    }
                }
            }
        }
    }

    /// <summary>[Conv3D]'s scratch: xv, the C·R input planes one output slice reads; ys, its D output planes.</summary>
    private static void SlicedScratch(SourceWriter w, KernelContext ctx, Shape sh)
    {
        w.Line($"{Names.Span}<{ctx.T}> xv = Scratch(ref _inputPlanes, {ctx.Layer.C * sh.R * sh.PlaneIn});");
        w.Line($"{Names.Span}<{ctx.T}> ys = Scratch(ref _outputPlanes, {ctx.Layer.D * sh.PlaneOut});");
    }

    /// <summary>Fills xv (C·R planes) with the input planes that output slice z reads (zeros in the padding).</summary>
    private static void ReadPlanes(SourceWriter w, KernelContext ctx, Shape sh, string src)
    {
        var (r, pin) = (sh.R, sh.PlaneIn);
        using (w.For("c", ctx.Layer.C))
        using (w.For("r", r))
        {
            w.Line($"int m = Map({sh.Reach("z")}, {sh.Depth});");
            w.Line($"{Names.Span}<{ctx.T}> plane = xv.Slice({SourceWriter.Times($"(c * {r} + r)", pin)}, {pin});");
            w.Line($"if (m < 0) plane.Clear();");
            w.Line($"else {src}.Slice({SourceWriter.Times($"(c * {sh.Depth} + m)", pin)}, {pin}).CopyTo(plane);");
        }
    }

    /// <summary>[ConvTranspose3D]: Forward, Transpose, WeightsGradient over input depth slices.</summary>
    private static void Transposed(SourceWriter w, KernelContext ctx)
    {
        var layer = ctx.Layer;
        var sh = new Shape(layer);
        var (c, r) = (layer.C, sh.R);
        var pin = sh.PlaneIn;
        TransposedForward(w, ctx, sh);

        w.Line();
        Summary(w, "One sample: x = Mᵀ·y, one input depth slice at a time from the output planes its taps reach.");
        using (w.Block($"public static void Transpose({Ro(ctx, "y")}, {Weights(ctx)}{Rw(ctx, "x")})"))
        {
            TransposedScratch(w, ctx, sh);
            using (w.For("t", sh.Depth))
            {
                ReachedPlanes(w, ctx, sh, "y");
                w.Line($"{Names.KernelsClass}.Transpose(yv, {WeightsArg(ctx)}xs);");
                using (w.For("c", c))
                    w.Line($"xs.Slice({SourceWriter.Times("c", pin)}, {pin}).CopyTo(x.Slice({SourceWriter.Times($"(c * {sh.Depth} + t)", pin)}, {pin}));");
            }
        }

        if (ctx.ConstantWeights) return;
        w.Line();
        Summary(w, "One sample: adds its contribution to the weights' gradient g, one input depth slice at a time.");
        using (w.Block($"public static void WeightsGradient({Ro(ctx, "x")}, {Ro(ctx, "gy")}, {Rw(ctx, "g")})"))
        {
            TransposedScratch(w, ctx, sh);
            using (w.For("t", sh.Depth))
            {
                InputSlice(w, ctx, sh, "x");
                ReachedPlanes(w, ctx, sh, "gy");
                w.Line($"{Names.KernelsClass}.WeightsGradient(xs, yv, g);");
            }
        }
    }

    /// <summary>[ConvTranspose3D] Forward: each input depth slice's D·R planes added into the output depths they reach,
    /// then the layer's bias and activation (the planar kernels run without them).</summary>
    private static void TransposedForward(SourceWriter w, KernelContext ctx, Shape sh)
    {
        var layer = ctx.Layer;
        var (d, r, pout) = (layer.D, sh.R, sh.PlaneOut);
        var epilogue = layer.Bias || !layer.Activation.IsNone;
        Summary(w, "One sample: y = " + layer.Activation.Formula("M·x" + (layer.Bias ? " + bias" : "") + (layer.Residual ? " + residual" : "")) +
                   ", each input depth slice's D·R planes added into the output depths they reach" + (layer.Residual ? " (starting from the residual)" : "") +
                   (epilogue ? ", then the epilogue." : "."));
        using (w.Block($"public static void Forward({Ro(ctx, "x")}, {Weights(ctx)}{(layer.Bias ? Ro(ctx, "b") + ", " : "")}{(layer.Residual ? Ro(ctx, "res") + ", " : "")}{Rw(ctx, "y")})"))
        {
            TransposedScratch(w, ctx, sh);
            w.Line(layer.Residual ? "res.CopyTo(y); // the slices add onto the residual (a no-op copy in place)" : "y.Clear();");
            using (w.For("t", sh.Depth))
            {
                InputSlice(w, ctx, sh, "x");
                w.Line($"{Names.KernelsClass}.Forward(xs, {WeightsArg(ctx)}yv);");
                using (w.For("u", d))
                using (w.For("r", r))
                {
                    w.Line($"int m = {sh.Reach("t")};");
                    w.Line($"if ((uint)m < {sh.OutDepth}u) AddTo(y.Slice({SourceWriter.Times($"(u * {sh.OutDepth} + m)", pout)}, {pout}), yv.Slice({SourceWriter.Times($"(u * {r} + r)", pout)}, {pout}));");
                }
            }

            if (!epilogue) return;
            var channel = sh.OutDepth * pout;
            using (w.For("u", d))
            {
                if (layer.Bias) w.Line($"{ctx.T} bu = b[u];");
                // The planar slice kernels run without bias and activation (Layer.Planar): the layer's own apply here.
                var sum = layer.Bias ? "e + bu" : "e";
                using (w.Block($"foreach (ref {ctx.T} e in y.Slice({SourceWriter.Times("u", channel)}, {channel}))"))
                    w.Line($"e = {ActivationCode.Scalar(layer.Activation, sum, layer.Element)};");
            }
        }
    }

    /// <summary>[ConvTranspose3D]'s scratch: xs, one input depth slice (C planes); yv, the D·R output planes it reaches.</summary>
    private static void TransposedScratch(SourceWriter w, KernelContext ctx, Shape sh)
    {
        w.Line($"{Names.Span}<{ctx.T}> xs = Scratch(ref _inputPlanes, {ctx.Layer.C * sh.PlaneIn});");
        w.Line($"{Names.Span}<{ctx.T}> yv = Scratch(ref _outputPlanes, {ctx.Layer.D * sh.R * sh.PlaneOut});");
    }

    /// <summary>Copies the input planes of depth t into xs.</summary>
    private static void InputSlice(SourceWriter w, KernelContext ctx, Shape sh, string src)
    {
        var pin = sh.PlaneIn;
        using (w.For("c", ctx.Layer.C))
            w.Line($"{src}.Slice({SourceWriter.Times($"(c * {sh.Depth} + t)", pin)}, {pin}).CopyTo(xs.Slice({SourceWriter.Times("c", pin)}, {pin}));");
    }

    /// <summary>Fills yv (D·R planes) with the output planes input slice t reaches (zeros past the output's ends).</summary>
    private static void ReachedPlanes(SourceWriter w, KernelContext ctx, Shape sh, string src)
    {
        var (r, pout) = (sh.R, sh.PlaneOut);
        using (w.For("u", ctx.Layer.D))
        using (w.For("r", r))
        {
            w.Line($"int m = {sh.Reach("t")};");
            w.Line($"{Names.Span}<{ctx.T}> plane = yv.Slice({SourceWriter.Times($"(u * {r} + r)", pout)}, {pout});");
            w.Line($"if ((uint)m >= {sh.OutDepth}u) plane.Clear();");
            w.Line($"else {src}.Slice({SourceWriter.Times($"(u * {sh.OutDepth} + m)", pout)}, {pout}).CopyTo(plane);");
        }
    }

    /// <summary>
    /// ToMatrix: every (destination element, tap) pair of the gather form — destination the output of [Conv3D], the input
    /// of [ConvTranspose3D] — adds its weight at (output element, input element). Scalar loops: M is written once.
    /// </summary>
    private static void Matrix(SourceWriter w, KernelContext ctx)
    {
        var layer = ctx.Layer;
        var transposed = layer.Transposed;
        var axes = Enumerable.Range(0, 3).Select(i => layer.Axes[i]).ToArray();
        var outSizes = Enumerable.Range(0, 3).Select(layer.OutputSize).ToArray();
        var inSizes = axes.Select(a => a.Size).ToArray();
        var (destSizes, srcSizes) = transposed ? (inSizes, outSizes) : (outSizes, inSizes);
        var (destC, srcC) = transposed ? (layer.C, layer.D) : (layer.D, layer.C);
        var (destPerGroup, srcPerGroup) = (destC / layer.Groups, srcC / layer.Groups);
        string[] dest = { "a0", "a1", "a2" }, tap = { "k0", "k1", "k2" }, src = { "s0", "s1", "s2" };
        var weights = ctx.ConstantWeights ? "ConstantWeights" : "w";
        Summary(w, "Writes the non-zero entries of M into the cleared matrix m.");
        using (w.Block($"public static void ToMatrix({Weights(ctx)}{Rw(ctx, "m")})"))
        {
            using (w.For("a", destC))
            using (w.For(dest[0], destSizes[0]))
            using (w.For(dest[1], destSizes[1]))
            using (w.For(dest[2], destSizes[2]))
            {
                w.Line($"int destIndex = ((a * {destSizes[0]} + a0) * {destSizes[1]} + a1) * {destSizes[2]} + a2;");
                using (w.For("il", srcPerGroup))
                {
                    w.Line($"int b = a / {destPerGroup} * {srcPerGroup} + il;");
                    for (var i = 0; i < 3; i++)
                    {
                        w.Line($"for (int {tap[i]} = 0; {tap[i]} < {axes[i].Kernel}; {tap[i]}++)");
                        w.Line("{");
                        w.Indent();
                        var reach = $"{dest[i]} * {axes[i].Stride} + {tap[i]} * {axes[i].Dilation} - {axes[i].PadBegin}";
                        w.Line(transposed
                            ? $"int {src[i]} = {reach}; if ((uint){src[i]} >= {srcSizes[i]}u) continue;"
                            : $"int {src[i]} = Map({reach}, {srcSizes[i]}); if ({src[i]} < 0) continue;");
                    }

                    string Kernel(int i) => layer.Flip ? $"({axes[i].Kernel - 1} - {tap[i]})" : tap[i];
                    w.Line($"int weight = (((a * {srcPerGroup} + il) * {axes[0].Kernel} + {Kernel(0)}) * {axes[1].Kernel} + {Kernel(1)}) * {axes[2].Kernel} + {Kernel(2)};");
                    w.Line($"int srcIndex = ((b * {srcSizes[0]} + s0) * {srcSizes[1]} + s1) * {srcSizes[2]} + s2;");
                    w.Line(transposed
                        ? $"m[srcIndex * {layer.InputLength} + destIndex] += {weights}[weight];"
                        : $"m[destIndex * {layer.InputLength} + srcIndex] += {weights}[weight];");
                    for (var i = 0; i < 3; i++)
                    {
                        w.Outdent();
                        w.Line("}");
                    }
                }
            }
        }
    }
}
