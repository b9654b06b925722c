using System;
using System.Collections.Generic;
using ConvGen.Model;

namespace ConvGen.Onnx;

/// <summary>
/// Reads an ONNX model (onnx.proto's ModelProto, every IR version from 3) into an <see cref="OnnxGraph"/>. Fields it
/// does not need (doc strings, metadata, training info, functions) are skipped; tensors whose data lives outside the
/// file (external data) are refused, since a build has only the model's own bytes.
/// </summary>
internal static class OnnxReader
{
    public static OnnxGraph Read(ReadOnlySpan<byte> model)
    {
        if (model.Length == 0) throw new OnnxFormatException("the file is empty");
        var reader = new ProtoReader(model);
        long irVersion = 0, opset = 0;
        var (producer, producerVersion) = ("", "");
        var sawDefaultOpset = false;
        OnnxGraph? graph = null;
        while (!reader.End)
        {
            var (field, wire) = reader.ReadTag();
            switch (field)
            {
                case 1 when wire == 0: irVersion = reader.ReadInt64(); break;
                case 2 when wire == 2: producer = reader.ReadString(); break;
                case 3 when wire == 2: producerVersion = reader.ReadString(); break;
                case 7 when wire == 2: graph = ReadGraph(reader.ReadBytes()); break;
                case 8 when wire == 2:
                    var (domain, version) = ReadOpset(reader.ReadBytes());
                    if (domain is "" or "ai.onnx")
                    {
                        opset = version;
                        sawDefaultOpset = true;
                    }

                    break;
                default: reader.Skip(wire); break;
            }
        }

        if (graph is null) throw new OnnxFormatException("the model has no graph (is this an ONNX file?)");
        if (irVersion == 0) throw new OnnxFormatException("the model has no IR version (is this an ONNX file?)");
        // IR version 3 files may omit the default domain's opset only if they use no operator of it; opset 1 then.
        return graph with { IrVersion = irVersion, OpsetVersion = sawDefaultOpset ? opset : 1, ProducerName = producer, ProducerVersion = producerVersion };
    }

    private static (string Domain, long Version) ReadOpset(ReadOnlySpan<byte> bytes)
    {
        var reader = new ProtoReader(bytes);
        var (domain, version) = ("", 0L);
        while (!reader.End)
        {
            var (field, wire) = reader.ReadTag();
            if (field == 1 && wire == 2) domain = reader.ReadString();
            else if (field == 2 && wire == 0) version = reader.ReadInt64();
            else reader.Skip(wire);
        }

        return (domain, version);
    }

    private static OnnxGraph ReadGraph(ReadOnlySpan<byte> bytes)
    {
        var reader = new ProtoReader(bytes);
        var nodes = new List<OnnxNode>();
        var initializers = new List<OnnxTensor>();
        var inputs = new List<OnnxValueInfo>();
        var outputs = new List<OnnxValueInfo>();
        var name = "";
        while (!reader.End)
        {
            var (field, wire) = reader.ReadTag();
            switch (field)
            {
                case 1 when wire == 2: nodes.Add(ReadNode(reader.ReadBytes())); break;
                case 2 when wire == 2: name = reader.ReadString(); break;
                case 5 when wire == 2: initializers.Add(ReadTensor(reader.ReadBytes())); break;
                case 11 when wire == 2: inputs.Add(ReadValueInfo(reader.ReadBytes())); break;
                case 12 when wire == 2: outputs.Add(ReadValueInfo(reader.ReadBytes())); break;
                case 15 when wire == 2: throw new OnnxFormatException("the graph has sparse initializers, which are not supported");
                default: reader.Skip(wire); break;
            }
        }

        return new OnnxGraph(0, 0, "", "", name, new(nodes.ToArray()), new(initializers.ToArray()), new(inputs.ToArray()), new(outputs.ToArray()));
    }

    private static OnnxNode ReadNode(ReadOnlySpan<byte> bytes)
    {
        var reader = new ProtoReader(bytes);
        var inputs = new List<string>();
        var outputs = new List<string>();
        var attributes = new List<OnnxAttribute>();
        var (name, op, domain) = ("", "", "");
        while (!reader.End)
        {
            var (field, wire) = reader.ReadTag();
            switch (field)
            {
                case 1 when wire == 2: inputs.Add(reader.ReadString()); break;
                case 2 when wire == 2: outputs.Add(reader.ReadString()); break;
                case 3 when wire == 2: name = reader.ReadString(); break;
                case 4 when wire == 2: op = reader.ReadString(); break;
                case 5 when wire == 2: attributes.Add(ReadAttribute(reader.ReadBytes())); break;
                case 7 when wire == 2: domain = reader.ReadString(); break;
                default: reader.Skip(wire); break;
            }
        }

        if (op.Length == 0) throw new OnnxFormatException($"node '{name}' has no operator type");
        return new OnnxNode(name, op, domain, new(inputs.ToArray()), new(outputs.ToArray()), new(attributes.ToArray()));
    }

    private static OnnxAttribute ReadAttribute(ReadOnlySpan<byte> bytes)
    {
        var reader = new ProtoReader(bytes);
        var (name, text) = ("", "");
        var type = OnnxAttributeType.Undefined;
        long integer = 0;
        float single = 0;
        OnnxTensor? tensor = null;
        var ints = new List<long>();
        var floats = new List<float>();
        var strings = new List<string>();
        var seen = OnnxAttributeType.Undefined; // what the values say, for IR version 1 files that omit the type
        while (!reader.End)
        {
            var (field, wire) = reader.ReadTag();
            switch (field)
            {
                case 1 when wire == 2: name = reader.ReadString(); break;
                case 20 when wire == 0: type = (OnnxAttributeType)reader.ReadInt32(); break;
                case 2 when wire == 5: single = reader.ReadFloat(); seen = OnnxAttributeType.Float; break;
                case 3 when wire == 0: integer = reader.ReadInt64(); seen = OnnxAttributeType.Int; break;
                case 4 when wire == 2: text = reader.ReadString(); seen = OnnxAttributeType.String; break;
                case 5 when wire == 2: tensor = ReadTensor(reader.ReadBytes()); seen = OnnxAttributeType.Tensor; break;
                case 6 when wire == 2: reader.Skip(wire); seen = OnnxAttributeType.Graph; break;
                case 7: reader.ReadFloats(wire, floats); seen = OnnxAttributeType.Floats; break;
                case 8: reader.ReadVarints(wire, ints); seen = OnnxAttributeType.Ints; break;
                case 9 when wire == 2: strings.Add(reader.ReadString()); seen = OnnxAttributeType.Strings; break;
                default: reader.Skip(wire); break;
            }
        }

        if (type == OnnxAttributeType.Undefined) type = seen;
        return new OnnxAttribute(name, type, integer, single, text, new(ints.ToArray()), new(floats.ToArray()), new(strings.ToArray()), tensor);
    }

    private static OnnxValueInfo ReadValueInfo(ReadOnlySpan<byte> bytes)
    {
        var reader = new ProtoReader(bytes);
        var name = "";
        var element = OnnxDataType.Undefined;
        EquatableArray<OnnxDim>? shape = null;
        while (!reader.End)
        {
            var (field, wire) = reader.ReadTag();
            if (field == 1 && wire == 2) name = reader.ReadString();
            else if (field == 2 && wire == 2) (element, shape) = ReadType(reader.ReadBytes());
            else reader.Skip(wire);
        }

        return new OnnxValueInfo(name, element, shape);
    }

    /// <summary>TypeProto: only tensor types have an element type and shape; other kinds read as undefined.</summary>
    private static (OnnxDataType, EquatableArray<OnnxDim>?) ReadType(ReadOnlySpan<byte> bytes)
    {
        var reader = new ProtoReader(bytes);
        var element = OnnxDataType.Undefined;
        EquatableArray<OnnxDim>? shape = null;
        while (!reader.End)
        {
            var (field, wire) = reader.ReadTag();
            if (field != 1 || wire != 2)
            {
                reader.Skip(wire);
                continue;
            }

            var tensor = new ProtoReader(reader.ReadBytes());
            while (!tensor.End)
            {
                var (f, w) = tensor.ReadTag();
                if (f == 1 && w == 0) element = (OnnxDataType)tensor.ReadInt32();
                else if (f == 2 && w == 2) shape = ReadShape(tensor.ReadBytes());
                else tensor.Skip(w);
            }
        }

        return (element, shape);
    }

    private static EquatableArray<OnnxDim> ReadShape(ReadOnlySpan<byte> bytes)
    {
        var reader = new ProtoReader(bytes);
        var dims = new List<OnnxDim>();
        while (!reader.End)
        {
            var (field, wire) = reader.ReadTag();
            if (field != 1 || wire != 2)
            {
                reader.Skip(wire);
                continue;
            }

            var dim = new ProtoReader(reader.ReadBytes());
            var (value, param) = (0L, (string?)null);
            while (!dim.End)
            {
                var (f, w) = dim.ReadTag();
                if (f == 1 && w == 0) value = dim.ReadInt64();
                else if (f == 2 && w == 2) param = dim.ReadString();
                else dim.Skip(w);
            }

            dims.Add(new OnnxDim(value, param is { Length: > 0 } ? param : null));
        }

        return new(dims.ToArray());
    }

    /// <summary>One TensorProto (as the ONNX test data's .pb files hold them).</summary>
    public static OnnxTensor ReadTensor(ReadOnlySpan<byte> bytes)
    {
        var reader = new ProtoReader(bytes);
        var name = "";
        var type = OnnxDataType.Undefined;
        var dims = new List<long>();
        var floats = new List<float>();
        var doubles = new List<double>();
        var integers = new List<long>();
        var unsigned = new List<long>();
        ReadOnlySpan<byte> raw = default;
        var hasRaw = false;
        while (!reader.End)
        {
            var (field, wire) = reader.ReadTag();
            switch (field)
            {
                case 1: reader.ReadVarints(wire, dims); break;
                case 2 when wire == 0: type = (OnnxDataType)reader.ReadInt32(); break;
                case 4: reader.ReadFloats(wire, floats); break;
                case 5: reader.ReadVarints(wire, integers); break; // int32_data: int32, int16, int8, uint16, uint8, bool, float16
                case 7: reader.ReadVarints(wire, integers); break; // int64_data
                case 8 when wire == 2: name = reader.ReadString(); break;
                case 9 when wire == 2: raw = reader.ReadBytes(); hasRaw = true; break;
                case 10: reader.ReadDoubles(wire, doubles); break;
                case 11: reader.ReadVarints(wire, unsigned); break; // uint64_data: uint32, uint64
                case 14 when wire == 0:
                    if (reader.ReadInt32() == 1) throw new OnnxFormatException($"tensor '{name}' keeps its data in an external file; save the model with every tensor inside it");
                    break;
                default: reader.Skip(wire); break;
            }
        }

        var tensor = new OnnxTensor(name, type, new(dims.ToArray()), EquatableArray<float>.Empty, EquatableArray<double>.Empty, EquatableArray<long>.Empty);
        if (tensor.ElementCount < 0) throw new OnnxFormatException($"tensor '{name}' has a negative dimension");
        if (hasRaw) return Raw(tensor, raw);
        if (type is OnnxDataType.UInt32 or OnnxDataType.UInt64) integers.AddRange(unsigned);
        var stored = type switch
        {
            OnnxDataType.Float => tensor with { Floats = new(floats.ToArray()) },
            OnnxDataType.Double => tensor with { Doubles = new(doubles.ToArray()) },
            OnnxDataType.Int8 or OnnxDataType.UInt8 or OnnxDataType.Int16 or OnnxDataType.UInt16 or OnnxDataType.Int32 or
                OnnxDataType.Int64 or OnnxDataType.Bool or OnnxDataType.UInt32 or OnnxDataType.UInt64 => tensor with { Integers = new(integers.ToArray()) },
            _ => tensor,
        };
        var count = stored.Floats.Count + stored.Doubles.Count + stored.Integers.Count;
        if (count != 0 && count != tensor.ElementCount)
            throw new OnnxFormatException($"tensor '{name}' has {count} values for dims [{string.Join(", ", dims)}] ({tensor.ElementCount} elements)");
        return stored;
    }

    /// <summary>raw_data: the elements little-endian, back to back, in the element type's own width.</summary>
    private static OnnxTensor Raw(OnnxTensor tensor, ReadOnlySpan<byte> raw)
    {
        var width = tensor.DataType switch
        {
            OnnxDataType.Float or OnnxDataType.Int32 or OnnxDataType.UInt32 => 4,
            OnnxDataType.Double or OnnxDataType.Int64 or OnnxDataType.UInt64 => 8,
            OnnxDataType.Int16 or OnnxDataType.UInt16 or OnnxDataType.Float16 or OnnxDataType.BFloat16 => 2,
            OnnxDataType.Int8 or OnnxDataType.UInt8 or OnnxDataType.Bool => 1,
            _ => 0,
        };
        if (width == 0) return tensor;
        if (raw.Length != tensor.ElementCount * width)
            throw new OnnxFormatException($"tensor '{tensor.Name}' has {raw.Length} bytes of raw data for dims [{string.Join(", ", tensor.Dims)}] ({tensor.ElementCount} elements of {width} bytes)");
        var n = raw.Length / width;
        switch (tensor.DataType)
        {
            case OnnxDataType.Float:
                var floats = new float[n];
                for (var i = 0; i < n; i++) floats[i] = new FloatBits { Bits = U32(raw, i * 4) }.Value;
                return tensor with { Floats = new(floats) };
            case OnnxDataType.Double:
                var doubles = new double[n];
                for (var i = 0; i < n; i++) doubles[i] = BitConverter.Int64BitsToDouble((long)(U32(raw, i * 8) | (ulong)U32(raw, i * 8 + 4) << 32));
                return tensor with { Doubles = new(doubles) };
            case OnnxDataType.Float16 or OnnxDataType.BFloat16:
                return tensor;
            default:
                var integers = new long[n];
                for (var i = 0; i < n; i++)
                {
                    var at = i * width;
                    integers[i] = tensor.DataType switch
                    {
                        OnnxDataType.Int8 => (sbyte)raw[at],
                        OnnxDataType.UInt8 or OnnxDataType.Bool => raw[at],
                        OnnxDataType.Int16 => (short)(raw[at] | raw[at + 1] << 8),
                        OnnxDataType.UInt16 => (ushort)(raw[at] | raw[at + 1] << 8),
                        OnnxDataType.Int32 => (int)U32(raw, at),
                        OnnxDataType.UInt32 => U32(raw, at),
                        _ => (long)(U32(raw, at) | (ulong)U32(raw, at + 4) << 32),
                    };
                }

                return tensor with { Integers = new(integers) };
        }
    }

    private static uint U32(ReadOnlySpan<byte> b, int at) => b[at] | (uint)b[at + 1] << 8 | (uint)b[at + 2] << 16 | (uint)b[at + 3] << 24;
}
