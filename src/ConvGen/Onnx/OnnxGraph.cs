using ConvGen.Model;

namespace ConvGen.Onnx;

/// <summary>ONNX's element types (TensorProto.DataType), by their numbers in onnx.proto.</summary>
internal enum OnnxDataType
{
    Undefined = 0, Float = 1, UInt8 = 2, Int8 = 3, UInt16 = 4, Int16 = 5, Int32 = 6, Int64 = 7, String = 8, Bool = 9,
    Float16 = 10, Double = 11, UInt32 = 12, UInt64 = 13, Complex64 = 14, Complex128 = 15, BFloat16 = 16,
}

/// <summary>ONNX's attribute kinds (AttributeProto.AttributeType), by their numbers in onnx.proto.</summary>
internal enum OnnxAttributeType
{
    Undefined = 0, Float = 1, Int = 2, String = 3, Tensor = 4, Graph = 5, Floats = 6, Ints = 7, Strings = 8, Tensors = 9,
    Graphs = 10, SparseTensor = 11, SparseTensors = 12, TypeProto = 13, TypeProtos = 14,
}

/// <summary>
/// A whole model as the generator keeps it: values only, equatable, so an unchanged model costs the incremental
/// pipeline nothing. Graph inputs that an initializer also names (older exporters list weights as inputs) are kept as
/// the file has them; telling them apart is the importer's business.
/// </summary>
internal sealed record OnnxGraph(
    long IrVersion,
    long OpsetVersion,
    string ProducerName,
    string ProducerVersion,
    string Name,
    EquatableArray<OnnxNode> Nodes,
    EquatableArray<OnnxTensor> Initializers,
    EquatableArray<OnnxValueInfo> Inputs,
    EquatableArray<OnnxValueInfo> Outputs);

/// <summary>One node: an operator applied to named values.</summary>
internal sealed record OnnxNode(
    string Name,
    string OpType,
    string Domain,
    EquatableArray<string> Inputs,
    EquatableArray<string> Outputs,
    EquatableArray<OnnxAttribute> Attributes);

/// <summary>
/// A node attribute: <see cref="Type"/> says which of the values is set (a FLOAT in <see cref="Float"/>, an INTS in
/// <see cref="Ints"/>, …). Graph-valued attributes (control flow) are recorded by kind only.
/// </summary>
internal sealed record OnnxAttribute(
    string Name,
    OnnxAttributeType Type,
    long Int,
    float Float,
    string String,
    EquatableArray<long> Ints,
    EquatableArray<float> Floats,
    EquatableArray<string> Strings,
    OnnxTensor? Tensor);

/// <summary>
/// A tensor with its data decoded from whichever field the file used (raw_data, float_data, int32_data, …):
/// FLOAT in <see cref="Floats"/>, DOUBLE in <see cref="Doubles"/>, every integer and BOOL type in <see cref="Integers"/>.
/// Other element types keep their dims and type, with no data.
/// </summary>
internal sealed record OnnxTensor(
    string Name,
    OnnxDataType DataType,
    EquatableArray<long> Dims,
    EquatableArray<float> Floats,
    EquatableArray<double> Doubles,
    EquatableArray<long> Integers)
{
    /// <summary>The number of elements the dims describe (1 for a scalar).</summary>
    public long ElementCount
    {
        get
        {
            long count = 1;
            foreach (var d in Dims) count *= d;
            return count;
        }
    }
}

/// <summary>A graph input or output: its name, element type and shape (null: the file gives no shape).</summary>
internal sealed record OnnxValueInfo(string Name, OnnxDataType ElementType, EquatableArray<OnnxDim>? Shape);

/// <summary>One dimension of a shape: a fixed size, or a symbolic one (<see cref="Param"/>, e.g. "batch"), or unknown.</summary>
internal readonly record struct OnnxDim(long Value, string? Param)
{
    public bool IsFixed => Param is null && Value > 0;

    public override string ToString() => Param ?? (Value > 0 ? Value.ToString(System.Globalization.CultureInfo.InvariantCulture) : "?");
}
