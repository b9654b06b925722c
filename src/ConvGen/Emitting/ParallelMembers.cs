using System.Collections.Generic;
using System.Linq;

namespace ConvGen.Emitting;

/// <summary>
/// <c>Forward(…, maxDegreeOfParallelism)</c>: the same computation as Forward on up to that many threads
/// (<see cref="ParallelSource"/>). Spans cannot cross threads, so this overload takes memory; it checks the arguments
/// as Forward does, then splits the batch into ranges of samples, or one sample where the vector kernels take a range
/// (<see cref="KernelContext.SplitsRows"/>): into ranges of groups where there are many, else of output channels for a
/// 1×1 kernel with enough register blocks of them, else of output rows. Each unit runs the code one thread would run for it,
/// so the output is bit for bit that of Forward.
/// </summary>
internal static class ParallelMembers
{
    public const string Helper = "global::ConvGen.ConvGenParallel";
    private const string JobClass = Names.ForwardJobClass;

    /// <summary>The fewest register blocks of output channels per thread for which one sample is split by channels.</summary>
    private const int ChannelBlocksPerThread = 2;

    /// <summary>One operand of the overload: its name, whether it is written, and its length per sample (null: exact).</summary>
    private sealed record Operand(string Name, bool Writable, bool Sample);

    public static void Emit(SourceWriter w, KernelContext ctx)
    {
        var s = ctx.Layer;
        var T = ctx.T;
        var operands = new List<Operand> { new("input", false, true) };
        if (!ctx.ConstantWeights) operands.Add(new("weights", false, false));
        if (s.Bias) operands.Add(new("bias", false, false));
        if (s.Residual) operands.Add(new("residual", false, true));
        operands.Add(new("output", true, true));
        string Memory(Operand o) => $"global::System.{(o.Writable ? "" : "ReadOnly")}Memory<{T}> {o.Name}";
        string SpanType(Operand o) => $"{(o.Writable ? Names.Span : Names.ReadOnlySpan)}<{T}> {o.Name}";
        var spans = string.Join(", ", operands.Select(o => o.Name + ".Span"));
        var splitsSample = SplitsSample(ctx);
        var splitsDense = SplitsDense(ctx);
        var split = splitsSample ? " (with fewer samples than threads, each sample into ranges of groups, output channels or output rows)"
            : splitsDense ? " (with fewer samples than threads, each sample into ranges of rows of W)" : "";

        w.Line();
        w.Line($"/// <summary>Forward on up to <paramref name=\"maxDegreeOfParallelism\"/> threads (the caller's and the .NET thread pool's): the same");
        w.Line($"/// output, bit for bit, as <see cref=\"Forward({string.Join(", ", operands.Select(o => (o.Writable ? "global::System.Span" : "global::System.ReadOnlySpan") + "{" + T + "}"))})\"/>.");
        w.Line($"/// The batch is split into ranges of samples{split}. Nothing is allocated per call once each calling thread has called it.</summary>");
        foreach (var o in operands)
            w.Line($"/// <param name=\"{o.Name}\">As Forward's <paramref name=\"{o.Name}\"/>.</param>");
        w.Line("/// <param name=\"maxDegreeOfParallelism\">The most threads to use, the caller's included: 1 or more (1 runs Forward), or −1 for <see cref=\"global::System.Environment.ProcessorCount\"/>.</param>");
        w.Line("/// <exception cref=\"global::System.ArgumentException\">As Forward: a length is wrong, a span is empty, the batch sizes differ, or the destination overlaps a source.</exception>");
        w.Line("/// <exception cref=\"global::System.ArgumentOutOfRangeException\"><paramref name=\"maxDegreeOfParallelism\"/> is 0 or below −1.</exception>");
        w.Line(LayerEmitter.GeneratedCode);
        w.Line("[global::System.Diagnostics.CodeAnalysis.ExcludeFromCodeCoverage]");
        using (w.Block($"public static {ctx.New("Forward")}void Forward({string.Join(", ", operands.Select(Memory))}, int maxDegreeOfParallelism)"))
        {
            w.Line($"int degree = {Helper}.Degree(maxDegreeOfParallelism, nameof(maxDegreeOfParallelism));");
            using (w.Block("if (degree == 1)"))
            {
                w.Line($"Forward({spans});");
                w.Line("return;");
            }

            // Forward's own checks, on the spans: a call that throws writes nothing, as Forward.
            w.Line($"int samples = Check({spans});");
            if (!splitsSample && !splitsDense)
            {
                // One sample is one unit: run on the calling thread, with no job.
                using (w.Block("if (samples == 1)"))
                {
                    w.Line($"Forward({spans});");
                    w.Line("return;");
                }
            }

            w.Line($"var job = {JobClass}.OfThread ??= new {JobClass}();");
            foreach (var o in operands)
                w.Line($"job.{Field(o.Name)} = {o.Name};");
            w.Line("job.Samples = samples;");
            if (splitsSample)
            {
                // Fewer samples than threads: each sample into ranges of groups where there are many (each thread then
                // streams its own planes); else, for a 1×1 kernel with register blocks enough, of output channels (each
                // thread writes whole planes; a wider kernel would refill its padded rows once per range, which costs
                // more than it saves: 8.5 against 4.2 ms on C64 H56 W56 → D64 3×3); else of output rows (whole
                // register blocks; the last range keeps the rest).
                var groups = ctx.Spec.Groups;
                var kernels = Names.KernelsClass;
                w.Line($"int blocks = {ctx.Geometry.DestH} / {kernels}.RowBlock, parts = ({Parts(ctx)} + samples - 1) / samples;");
                if (SplitsChannels(ctx))
                    w.Line($"int channelBlocks = ({ctx.Geometry.DestPerGroup} + {kernels}.ChannelBlock - 1) / {kernels}.ChannelBlock;");
                w.Line($"bool split = samples < degree && {kernels}.SplitsRows;");
                w.Line($"job.GroupParts = split && {groups} >= 4 * degree ? global::System.Math.Min({groups}, parts) : 1;");
                if (SplitsChannels(ctx))
                {
                    w.Line($"job.ChannelParts = split && job.GroupParts == 1 && channelBlocks >= {ChannelBlocksPerThread} * degree ? global::System.Math.Min(channelBlocks, parts) : 1;");
                    w.Line("job.RowParts = split && job.GroupParts == 1 && job.ChannelParts == 1 ? global::System.Math.Min(blocks, parts) : 1;");
                }
                else
                {
                    w.Line("job.RowParts = split && job.GroupParts == 1 ? global::System.Math.Min(blocks, parts) : 1;");
                }

                w.Line("job.Blocks = blocks;");
                if (SplitsChannels(ctx)) w.Line("job.ChannelBlocks = channelBlocks;");
            }

            if (splitsDense)
            {
                // Fewer samples than threads: each sample into ranges of W's rows (whole register tiles; the last range
                // keeps the rest). Each thread streams its own rows of W, which a memory-bound layer needs most.
                w.Line($"int blocks = {ctx.Geometry.OutputLength} / {Names.KernelsClass}.RowBlock, parts = ({Parts(ctx)} + samples - 1) / samples;");
                w.Line("job.RowParts = samples < degree ? global::System.Math.Min(blocks, parts) : 1;");
                w.Line("job.Blocks = blocks;");
            }

            w.Line($"int units = {(splitsSample || splitsDense ? "job.Parts > 1 ? samples * job.Parts : " : "")}global::System.Math.Min(samples, 4 * degree);");
            w.Line("job.Units = units;");
            w.Line("job.Invoke(units, degree);");
            foreach (var o in operands)
                w.Line($"job.{Field(o.Name)} = default;");
            w.Line();
            using (w.Block($"static int Check({string.Join(", ", operands.Select(SpanType))})"))
            {
                foreach (var c in PublicMembers.ForwardChecks(ctx)) w.Line(c);
                w.Line("return samples;");
            }
        }

        EmitJob(w, ctx, operands.Select(o => (o.Name, o.Writable, o.Sample)).ToList(), splitsSample, splitsDense);
    }

    /// <summary>
    /// The fewest multiply-adds per sample for which one sample is split across threads: below it the hand-off to a
    /// pool thread costs more than it saves. On an AVX-512 host C3 H32 W32 → D16 3×3 (389 k) ran 15.2 µs on two threads
    /// against 7.8 µs on one, C16 H32 W32 → D32 3×3 stride 2 (1.18 M) 18.5 against 25.9 µs; on an AVX2 host, with a
    /// quarter of the FMA rate, the 389 k layer gained (20 against 28 µs) and C1 H28 W28 → D8 5×5 (115 k) lost (8.2
    /// against 5.9 µs). The threshold sits between, where neither host loses.
    /// </summary>
    public const long MinSplitMultiplyAdds = 1 << 19;

    /// <summary>
    /// The multiply-adds of one unit a split sample aims at (about 5 µs on one AVX-512 core). Threads claim units as they
    /// finish, so the last to finish waits for at most one unit's work: with four units per thread, C64 H56 W56 → D64 3×3
    /// (260 µs a unit) waited 80–100 µs per call on two threads and C64 H28 W28 → D128 1×1 12 µs.
    /// </summary>
    public const long UnitMultiplyAdds = 1 << 18;

    /// <summary>The parts one sample aims at before they are capped by its register blocks: four per thread, or more where
    /// that leaves units above <see cref="UnitMultiplyAdds"/>.</summary>
    private static string Parts(KernelContext ctx)
    {
        var byWork = ctx.Geometry.MacsPerSample() / UnitMultiplyAdds;
        return byWork > 8 ? $"global::System.Math.Max(4 * degree, {System.Math.Min(byWork, 1 << 16)})" : "4 * degree";
    }

    /// <summary>Whether one sample may be split (<see cref="KernelContext.SplitsRows"/>) and is worth splitting.</summary>
    private static bool SplitsSample(KernelContext ctx) => ctx.SplitsRows && ctx.Geometry.MacsPerSample() >= MinSplitMultiplyAdds;

    /// <summary>
    /// The fewest multiply-adds per sample for which one sample of a dense layer ([Linear]) is split into ranges of W's
    /// rows: it streams W (4 bytes a multiply-add) from memory once per sample, and each core streams its own rows. On
    /// the AVX-512 host [Linear(1024, 256)] (262,144, 1 MB of weights) ran 9.05 µs on two threads against 15.8 µs on
    /// one; a layer a quarter of that size runs in about the time a hand-off to a pool thread costs.
    /// </summary>
    public const long MinDenseSplitMultiplyAdds = 1 << 18;

    /// <summary>Whether one sample of a dense layer may be split by rows of W: at least two register tiles of rows.</summary>
    public static bool SplitsDense(KernelContext ctx) =>
        !ctx.ForwardOnly && ctx.Dense && ctx.Geometry.OutputLength >= 2 * DenseKernels.SingleRows && ctx.Geometry.MacsPerSample() >= MinDenseSplitMultiplyAdds;

    /// <summary>Whether one sample may be split by output channels: a 1×1 kernel, whose rows need no refill per range.</summary>
    private static bool SplitsChannels(KernelContext ctx) => ctx.Spec.P * ctx.Spec.Q == 1;

    /// <summary>
    /// A unit of a sample split into ranges of register blocks (of output channels or rows): its range starts at a
    /// multiple of the block and the last range ends at <paramref name="extent"/>.
    /// </summary>
    private static void BlockRangeUnit(SourceWriter w, string kind, string blocks, string prefix, int extent, System.Func<string, string> call)
    {
        var parts = kind + "Parts";
        var block = char.ToLowerInvariant(kind[0]) + kind.Substring(1) + "Block";
        using (w.Block($"if ({parts} > 1)"))
        {
            w.Line($"int n = unit / {parts}, part = unit % {parts};");
            w.Line($"int {block} = {Names.KernelsClass}.{kind}Block;");
            w.Line($"int {prefix}Begin = {Helper}.Split({blocks}, {parts}, part) * {block};");
            w.Line($"int {prefix}End = part == {parts} - 1 ? {extent} : {Helper}.Split({blocks}, {parts}, part + 1) * {block};");
            w.Line(call($"{prefix}Begin, {prefix}End"));
            w.Line("return;");
        }
    }

    private static string Field(string name) => char.ToUpperInvariant(name[0]) + name.Substring(1);

    /// <summary>Opens the job class (a layer's or a network's): the calling thread's instance, the operands as memory
    /// fields, the sample and unit counts. The caller adds its own fields and <c>Run</c>, then disposes the block.</summary>
    public static System.IDisposable JobClassOpening(SourceWriter w, string unitsDoc, string T, IEnumerable<(string Name, bool Writable)> operands)
    {
        w.Line();
        w.Line($"/// <summary>One calling thread's parallel Forward: the operands of its running call and {unitsDoc}.</summary>");
        var block = w.Block($"private sealed class {JobClass} : {Helper}.Job");
        w.Line("/// <summary>The job of the calling thread (allocated on its first parallel call).</summary>");
        w.Line("[global::System.ThreadStatic]");
        w.Line($"public static {JobClass}? OfThread;");
        foreach (var (name, writable) in operands)
            w.Line($"public global::System.{(writable ? "" : "ReadOnly")}Memory<{T}> {Field(name)};");
        w.Line("public int Samples, Units;");
        return block;
    }

    /// <summary>The job: the operands of the running call and what one unit computes.</summary>
    private static void EmitJob(SourceWriter w, KernelContext ctx, List<(string Name, bool Writable, bool Sample)> operands, bool splitsSample, bool splitsDense)
    {
        var T = ctx.T;
        string Length(string name) => name == "input" ? "InputLength" : "OutputLength";
        using (JobClassOpening(w, "the units' work", T, operands.Select(o => (o.Name, o.Writable))))
        {
            if (splitsSample)
            {
                w.Line(SplitsChannels(ctx) ? "public int RowParts = 1, GroupParts = 1, ChannelParts = 1, Blocks, ChannelBlocks;" : "public int RowParts = 1, GroupParts = 1, Blocks;");
                w.Line($"public int Parts => RowParts * GroupParts{(SplitsChannels(ctx) ? " * ChannelParts" : "")};");
            }

            if (splitsDense)
            {
                w.Line("public int RowParts = 1, Blocks;");
                w.Line("public int Parts => RowParts;");
            }

            w.Line();
            w.Line(SimdKernels.Optimized);
            using (w.Block("protected override void Run(int unit)"))
            {
                foreach (var o in operands)
                    w.Line($"{(o.Writable ? Names.Span : Names.ReadOnlySpan)}<{T}> {o.Name} = {Field(o.Name)}.Span;");
                string Sample(string n) => string.Join(", ", operands.Select(o => o.Sample ? $"{o.Name}.Slice({n} * {Length(o.Name)}, {Length(o.Name)})" : o.Name));
                if (splitsSample)
                {
                    using (w.Block("if (GroupParts > 1)"))
                    {
                        w.Line("int n = unit / GroupParts, part = unit % GroupParts;");
                        w.Line($"{Names.KernelsClass}.ForwardRange({Sample("n")}, {Helper}.Split({ctx.Spec.Groups}, GroupParts, part), {Helper}.Split({ctx.Spec.Groups}, GroupParts, part + 1), 0, {ctx.Geometry.DestPerGroup}, 0, {ctx.Geometry.DestH});");
                        w.Line("return;");
                    }

                    if (SplitsChannels(ctx))
                        BlockRangeUnit(w, "Channel", "ChannelBlocks", "u", ctx.Geometry.DestPerGroup,
                            range => $"{Names.KernelsClass}.ForwardRange({Sample("n")}, 0, {ctx.Spec.Groups}, {range}, 0, {ctx.Geometry.DestH});");
                    BlockRangeUnit(w, "Row", "Blocks", "v", ctx.Geometry.DestH,
                        range => $"{Names.KernelsClass}.ForwardRange({Sample("n")}, 0, {ctx.Spec.Groups}, 0, {ctx.Geometry.DestPerGroup}, {range});");
                    w.Line();
                }

                if (splitsDense)
                {
                    BlockRangeUnit(w, "Row", "Blocks", "u", ctx.Geometry.OutputLength, range => $"{Names.KernelsClass}.ForwardRows({Sample("n")}, {range});");
                    w.Line();
                }

                w.Line($"int n0 = {Helper}.Split(Samples, Units, unit), n1 = {Helper}.Split(Samples, Units, unit + 1);");
                if (ctx.BatchedForward)
                {
                    string Range(string name) => $"{name}.Slice(n0 * {Length(name)}, (n1 - n0) * {Length(name)})";
                    w.Line($"{Names.KernelsClass}.Forward({string.Join(", ", operands.Select(o => o.Sample ? Range(o.Name) : o.Name))}, n1 - n0);");
                }
                else
                {
                    using (w.Block("for (int n = n0; n < n1; n++)"))
                        w.Line($"{ctx.PerSample}.Forward({Sample("n")});");
                }
            }
        }
    }
}
