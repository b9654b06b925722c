using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using ConvGen.Model;

namespace ConvGen.Onnx;

/// <summary>
/// The third stage of importing a model: the checked graph, with its static shapes, lowered onto steps for one sample
/// (<see cref="OnnxNetwork"/>). Convolutions, dense layers and pooling run on ConvGen's layer kernels; a BatchNorm that
/// follows a convolution or dense layer is folded into its weights, and the activation, a residual Add and a constant
/// bias Add that follow are fused into its epilogue (<c>x·sigmoid(x)</c> as SiLU); a Pad before a convolution becomes
/// its padding; Flatten, Reshape, Squeeze, Unsqueeze, Identity, Dropout and order-keeping Transposes cost nothing. What
/// is left runs as element-wise, softmax, concat, transpose and pad loops. Shape arithmetic is already folded by
/// <see cref="OnnxShapes"/>. The first node that cannot be lowered stops it with a problem naming the node.
/// </summary>
internal static partial class OnnxLowering
{
    /// <summary>The most parameters (weights, biases, constants) a model may bring into the build.</summary>
    public const int MaxParameters = 1 << 20;

    /// <summary>Workspace regions start on multiples of this many elements (64 bytes).</summary>
    private const int Alignment = 16;

    public static (OnnxNetwork? Network, IReadOnlyList<OnnxProblem> Problems) Lower(OnnxGraph graph, string source)
    {
        var problems = OnnxSupport.Check(graph);
        if (problems.Count > 0) return (null, problems);
        try
        {
            return (new Builder(graph, source).Build(), Array.Empty<OnnxProblem>());
        }
        catch (LoweringException e)
        {
            return (null, new[] { e.Problem });
        }
    }

    private sealed class LoweringException(OnnxProblem problem) : Exception(problem.Reason)
    {
        public OnnxProblem Problem { get; } = problem;
    }

    private static string Dims(IEnumerable<long> shape) => "[" + string.Join(", ", shape) + "]";

    private static string Count(long n) => n.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>The lowering of one graph: values to slots, nodes to steps, then the workspace plan.</summary>
    private sealed partial class Builder
    {
        private readonly OnnxGraph _graph;
        private readonly string _source;
        private readonly Dictionary<string, OnnxValue> _values;
        private readonly Dictionary<string, OnnxTensor> _initializers = new();
        private readonly Dictionary<string, List<int>> _consumers = new();
        private readonly Dictionary<string, int> _slotOf = new();
        private readonly List<int> _slotLength = new(), _slotDef = new(), _slotLast = new();
        private readonly List<float> _parameters = new();
        private readonly List<NetStep> _steps = new();
        private readonly HashSet<int> _fused = new();
        private readonly Dictionary<int, PadFusion> _padFusions = new();
        private readonly string _inputName, _outputName;
        private readonly long[] _inputShape;
        private int _node;

        public Builder(OnnxGraph graph, string source)
        {
            _graph = graph;
            _source = source;
            foreach (var t in graph.Initializers) _initializers[t.Name] = t;
            var input = graph.Inputs.First(i => !_initializers.ContainsKey(i.Name));
            _inputName = input.Name;
            _outputName = graph.Outputs[0].Name;
            _inputShape = input.Shape!.Value.Select((d, i) => i == 0 ? 1 : d.Value).ToArray();
            var (values, problem) = OnnxShapes.Infer(graph, new Dictionary<string, long[]> { [_inputName] = _inputShape });
            if (problem is not null) throw new LoweringException(problem);
            _values = values;
            if (input.Shape!.Value[0].Param is not null || input.Shape!.Value[0].Value <= 0) CheckSamplesIndependent();
            for (var n = 0; n < graph.Nodes.Count; n++)
                foreach (var name in graph.Nodes[n].Inputs.Where(i => i.Length > 0).Distinct())
                {
                    if (!_consumers.TryGetValue(name, out var list)) _consumers[name] = list = new List<int>();
                    list.Add(n);
                }
        }

        public OnnxNetwork Build()
        {
            if (_inputShape.Length < 2) throw Model($"input '{_inputName}' has rank {_inputShape.Length}; ConvGen needs a batch axis and at least one more");
            NewSlot(_inputName, Length(_inputShape));
            for (_node = 0; _node < _graph.Nodes.Count; _node++)
                if (!_fused.Contains(_node)) LowerNode(_graph.Nodes[_node]);

            var output = Output();
            if (_parameters.Count > MaxParameters)
                throw Model($"the model has {Count(_parameters.Count)} parameters, above ConvGen's limit of {Count(MaxParameters)} per model");
            var (regions, workspace) = Plan(output);
            return new OnnxNetwork(_source, (_graph.ProducerName + " " + _graph.ProducerVersion).Trim(), _graph.OpsetVersion,
                Shape(_inputShape.Skip(1)), Shape(_values[_outputName].Shape.Skip(1)), workspace,
                new EquatableArray<Region>(regions), new EquatableArray<NetStep>(_steps.ToArray()), new EquatableArray<float>(_parameters.ToArray()));
        }

        private static EquatableArray<int> Shape(IEnumerable<long> dims) => new(dims.Select(d => (int)d).ToArray());

        /// <summary>The slot the model's output is written to: the last step writes it directly, except where the output
        /// is the input itself or a constant (then copied).</summary>
        private int Output()
        {
            var length = Length(_values[_outputName].Shape);
            if (_slotOf.TryGetValue(_outputName, out var slot) && slot != 0) return slot;
            var source = slot == 0 && _slotOf.ContainsKey(_outputName) ? 0 : -1;
            var constant = -1;
            if (source < 0)
            {
                var data = ConstantOf(_outputName) ?? throw Model($"output '{_outputName}' is neither computed from the input nor known when the model is built");
                constant = AddParameters(data);
            }

            if (source >= 0) Use(source);
            var output = NewSlot(_outputName + " (copy)", length);
            _steps.Add(new CopyStep(_outputName, $"the output is {(source >= 0 ? "the input" : "a constant")}, copied: {Dims(_values[_outputName].Shape.Skip(1))}", 0, source, constant, output, length));
            return output;
        }

        /// <summary>Liveness-based reuse: each workspace tensor lives from the step that writes it to the last step that
        /// reads it (both included, so no step's output overlaps its inputs) and takes the lowest aligned offset free for
        /// that whole interval.</summary>
        private (Region[] Regions, int Length) Plan(int output)
        {
            var regions = new Region[_slotLength.Count];
            var placed = new List<int>();
            var end = 0;
            foreach (var s in Enumerable.Range(0, regions.Length).OrderBy(s => _slotDef[s]).ThenBy(s => s))
            {
                if (s == 0 || s == output)
                {
                    regions[s] = new Region(s == 0 ? RegionKind.Input : RegionKind.Output, 0, _slotLength[s]);
                    continue;
                }

                var live = placed.Where(p => _slotDef[p] <= _slotLast[s] && _slotDef[s] <= _slotLast[p]).Select(p => regions[p]).OrderBy(r => r.Offset).ToList();
                var offset = 0;
                foreach (var r in live)
                {
                    if (offset + _slotLength[s] <= r.Offset) break;
                    offset = Math.Max(offset, Align(r.Offset + r.Length));
                }

                regions[s] = new Region(RegionKind.Workspace, offset, _slotLength[s]);
                placed.Add(s);
                end = Math.Max(end, offset + _slotLength[s]);
            }

            return (regions, end);
        }

        private static int Align(int n) => (n + Alignment - 1) / Alignment * Alignment;

        /// <summary>With the batch axis symbolic, samples must not mix: the shapes inferred with a batch of 2 must be those
        /// of a batch of 1 with the leading axis doubled, on every value computed from the input.</summary>
        private void CheckSamplesIndependent()
        {
            var two = _inputShape.Select((d, i) => i == 0 ? 2L : d).ToArray();
            var (values, problem) = OnnxShapes.Infer(_graph, new Dictionary<string, long[]> { [_inputName] = two });
            var tainted = new HashSet<string> { _inputName };
            for (var n = 0; n < _graph.Nodes.Count; n++)
            {
                var node = _graph.Nodes[n];
                if (node.OpType == "Shape" || !node.Inputs.Any(tainted.Contains)) continue;
                foreach (var o in node.Outputs.Where(o => o.Length > 0))
                {
                    tainted.Add(o);
                    var one = _values.TryGetValue(o, out var v1) ? v1.Shape : null;
                    var doubled = values.TryGetValue(o, out var v2) ? v2.Shape : null;
                    if (one is null) continue;
                    if (problem is not null && doubled is null || doubled is null || one.Length == 0 || one[0] != 1 || doubled.Length != one.Length ||
                        doubled[0] != 2 || !one.Skip(1).SequenceEqual(doubled.Skip(1)))
                        throw new LoweringException(new OnnxProblem(NodeName(node, n), node.OpType,
                            $"it mixes the samples of a batch (its output {Dims(one)} at a batch of 1 is {(doubled is null ? "not computable" : Dims(doubled))} at a batch of 2); ConvGen runs samples one by one"));
                }
            }
        }

        // ----- values, slots and parameters -----

        private static string NodeName(OnnxNode node, int index) => node.Name.Length > 0 ? node.Name : "#" + index;

        private string Name(int node) => NodeName(_graph.Nodes[node], node);

        private LoweringException Fail(string reason) => new(new OnnxProblem(Name(_node), _graph.Nodes[_node].OpType, reason));

        private static LoweringException Model(string reason) => new(new OnnxProblem("", "", reason));

        private static int Length(long[] shape) => checked((int)shape.Aggregate(1L, (a, b) => a * b));

        private long[] ShapeOf(string value) => _values.TryGetValue(value, out var v) ? v.Shape : throw Fail($"'{value}' has no known shape");

        private bool IsData(string value) => _slotOf.ContainsKey(value);

        private int SlotOf(string value) => _slotOf.TryGetValue(value, out var s) ? s : throw Fail($"'{value}' is not computed from the model's input");

        private int NewSlot(string value, int length)
        {
            _slotLength.Add(length);
            _slotDef.Add(_steps.Count);
            _slotLast.Add(_steps.Count);
            return _slotOf[value] = _slotLength.Count - 1;
        }

        private int Use(int slot)
        {
            _slotLast[slot] = Math.Max(_slotLast[slot], _steps.Count);
            return slot;
        }

        private int Read(string value) => Use(SlotOf(value));

        /// <summary>A value known when the model is built (an initializer, a Constant, folded shape arithmetic), or null.</summary>
        private float[]? ConstantOf(string value)
        {
            if (value.Length == 0) return null;
            if (_initializers.TryGetValue(value, out var t))
                return t.Floats.Count > 0 ? t.Floats.ToArray()
                    : t.Doubles.Count > 0 ? t.Doubles.Select(d => (float)d).ToArray()
                    : t.Integers.Count > 0 ? t.Integers.Select(d => (float)d).ToArray()
                    : t.ElementCount == 0 ? new float[0] : null;
            if (IsData(value)) return null;
            if (_values.TryGetValue(value, out var v) && v.Data is { } data) return data.Select(d => (float)d).ToArray();
            var producer = _graph.Nodes.FirstOrDefault(n => n.Outputs.Contains(value));
            if (producer?.OpType == "Constant" && producer.Attributes.FirstOrDefault(a => a.Name == "value")?.Tensor is { } c)
                return c.Floats.Count > 0 ? c.Floats.ToArray() : c.Doubles.Select(d => (float)d).ToArray();
            return null;
        }

        private float[] Required(int input, string what)
        {
            var node = _graph.Nodes[_node];
            if (input >= node.Inputs.Count || node.Inputs[input].Length == 0) throw Fail($"{what} is missing");
            return ConstantOf(node.Inputs[input]) ?? throw Fail($"{what} ('{node.Inputs[input]}') is computed at run time; ConvGen needs it in the model");
        }

        private int AddParameters(IEnumerable<float> values)
        {
            var offset = _parameters.Count;
            _parameters.AddRange(values);
            return offset;
        }

        /// <summary>The only node that reads <paramref name="value"/> (which is not the model's output), or −1.</summary>
        private int SoleConsumer(string value) =>
            value != _outputName && _consumers.TryGetValue(value, out var list) && list.Count == 1 && list[0] > _node && !_fused.Contains(list[0]) ? list[0] : -1;

        private OnnxAttribute? Attr(int node, string name) => _graph.Nodes[node].Attributes.FirstOrDefault(a => a.Name == name);

        private long Int(int node, string name, long otherwise) => Attr(node, name) is { } a ? a.Int : otherwise;

        private float Float(int node, string name, float otherwise) => Attr(node, name) is { } a ? a.Float : otherwise;

        private long[]? Ints(int node, string name) => Attr(node, name) is { } a ? a.Ints.ToArray() : null;

        private string Str(int node, string name, string otherwise) => Attr(node, name) is { } a ? a.String : otherwise;

        /// <summary>An alias: the node's output is its input's storage under another shape (same elements, same order).</summary>
        private void Alias()
        {
            var node = _graph.Nodes[_node];
            _slotOf[node.Outputs[0]] = SlotOf(node.Inputs[0]);
        }
    }
}
