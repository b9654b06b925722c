namespace ConvGen.Emitting;

/// <summary>Forward's loops per vector width: one sample at a time below a batch tile's samples, else the batched tiles,
/// with x staged away from W where their rows would share L1 sets.</summary>
internal static partial class DenseKernels
{
    private static void ForwardLoops(SourceWriter w, KernelContext ctx, Dims d)
    {
        var (BatchSamples, BatchRows) = BatchTile(d.Bits);
        w.Line($"/// <summary>Forward with {d.V.Substring(d.V.LastIndexOf('.') + 1)}: tiles of {BatchSamples} samples × {BatchRows} rows of W (each row block's weights stay in L1 across the batch), or one sample × {SingleRows} rows.</summary>");
        w.Line(SimdKernels.Optimized);
        using (w.Block($"private static void Forward{d.Bits}({Parameters(ctx, batch: true)})"))
        {
            w.Line($"ref {d.T} xr = ref {Marshal}.GetReference(x);");
            w.Line($"ref {d.T} wr = ref {Marshal}.GetReference(w);");
            var args = TileArguments(ctx);
            using (w.Block($"if (samples < {BatchSamples})"))
            {
                using (w.Block("for (int n = 0; n < samples; n++)"))
                {
                    w.Line("int u = 0;");
                    using (w.Block($"for (; u <= {d.D - SingleRows}; u += {SingleRows})"))
                        w.Line($"Tile1x{SingleRows}_{d.Bits}({args}, n, u);");
                    using (w.Block($"for (; u < {d.D}; u++)"))
                        w.Line($"Tile1x1_{d.Bits}({args}, n, u);");
                }

                w.Line("return;");
            }

            if (Aliases(ctx, d))
            {
                // Rows of x and of W are a multiple of 1 KiB long, so a tile's rows of each fall in a few L1 sets; where x
                // and W also start within 1 KiB of each other (mod 4 KiB), the tile's 10 streams share sets of 8 ways.
                var stage = StageSamples(ctx, d);
                var size = ctx.Spec.Element.Size;
                w.Line($"nint apart = {Unsafe}.ByteOffset(ref wr, ref xr) & 4095;");
                using (w.Block("if (apart < 1024 || apart > 3072)"))
                {
                    w.Line($"// Copy x, {stage} samples at a time, to a staging array 2 KiB from W (mod 4 KiB).");
                    w.Line($"{Names.Span}<{d.T}> staged = {ScratchSource.Buffer(d.T, (long)stage * d.K + 4096 / size)};");
                    w.Line($"int start = (int)((2048 - ({Unsafe}.ByteOffset(ref wr, ref {Marshal}.GetReference(staged)) & 4095)) & 4095) / {size};");
                    using (w.Block($"for (int n0 = 0; n0 < samples; n0 += {stage})"))
                    {
                        w.Line($"int count = global::System.Math.Min({stage}, samples - n0);");
                        w.Line($"x.Slice(n0 * {d.K}, count * {d.K}).CopyTo(staged.Slice(start, count * {d.K}));");
                        var sliced = (ctx.Spec.Bias ? "b, " : "") + (ctx.Spec.Residual ? $"res.Slice(n0 * {d.D}, count * {d.D}), " : "") + $"y.Slice(n0 * {d.D}, count * {d.D})";
                        w.Line($"Batch{d.Bits}(ref {Unsafe}.Add(ref {Marshal}.GetReference(staged), start), ref wr, {sliced}, count);");
                    }

                    w.Line("return;");
                }
            }

            w.Line($"Batch{d.Bits}({args}, samples);");
        }

        var spans = (ctx.Spec.Bias ? $"{Names.ReadOnlySpan}<{d.T}> b, " : "") + (ctx.Spec.Residual ? $"{Names.ReadOnlySpan}<{d.T}> res, " : "");
        w.Line();
        w.Line($"/// <summary>Samples 0 … samples − 1 of x (xr) by tiles of {BatchSamples} samples × {BatchRows} rows of W: each row block's weights stay in L1 across the batch.</summary>");
        w.Line(SimdKernels.Optimized);
        using (w.Block($"private static void Batch{d.Bits}(ref {d.T} xr, ref {d.T} wr, {spans}{Names.Span}<{d.T}> y, int samples)"))
        {
            w.Line("int v = 0;");
            using (w.Block($"for (; v <= {d.D - BatchRows}; v += {BatchRows})"))
            {
                w.Line("int n = 0;");
                using (w.Block($"for (; n <= samples - {BatchSamples}; n += {BatchSamples})"))
                    w.Line($"Tile{BatchSamples}x{BatchRows}_{d.Bits}({TileArguments(ctx)}, n, v);");
                using (w.Block("for (; n < samples; n++)"))
                    w.Line($"Tile1x{BatchRows}_{d.Bits}({TileArguments(ctx)}, n, v);");
            }

            using (w.Block($"for (; v < {d.D}; v++)"))
            {
                w.Line("int n = 0;");
                using (w.Block($"for (; n <= samples - {BatchSamples}; n += {BatchSamples})"))
                    w.Line($"Tile{BatchSamples}x1_{d.Bits}({TileArguments(ctx)}, n, v);");
                using (w.Block("for (; n < samples; n++)"))
                    w.Line($"Tile1x1_{d.Bits}({TileArguments(ctx)}, n, v);");
            }
        }
    }

    /// <summary>
    /// Whether rows of x and W are a multiple of 1 KiB long, so that a batched tile's rows of each map to a few L1 sets
    /// and can collide: [Linear(1024, 256)] at batch 64 ran 446 µs where W started within 64 bytes of x (mod 4 KiB) and
    /// 354 µs where it started 2 KiB away (AVX-512 host; 32 KiB 8-way L1).
    /// </summary>
    private static bool Aliases(KernelContext ctx, Dims d) => (long)d.K * ctx.Spec.Element.Size % 1024 == 0;

    /// <summary>Samples staged at a time where x and W collide: a multiple of the tile's samples, at most 256 KiB.</summary>
    private static int StageSamples(KernelContext ctx, Dims d)
    {
        var tile = BatchTile(d.Bits).Samples;
        var fit = (int)(256 * 1024 / ((long)d.K * ctx.Spec.Element.Size)) / tile * tile;
        return System.Math.Max(tile, System.Math.Min(fit, 64 / tile * tile));
    }
}
