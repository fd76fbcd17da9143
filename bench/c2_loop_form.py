#!/usr/bin/env python3
"""Lists the hot FMA loops in a JVM's C2-compiled code, with how many instructions each step takes and how many
of them touch the stack (spilled values), so that two JVMs' forms of the same tile can be told apart.

Why: C2 does not always compile the matmul tile the same way. Some JVMs get a form that keeps loop values on the
stack and runs a product at about 0.6 of the speed of the others (bench/README.md, "the tile against a C loop").
JMH's spread between forks hides which form a fork got; this script names it.

Usage (needs objdump; the JVM prints machine code as hex when it has no hsdis disassembler, which is what this
reads):

    java --add-modules jdk.incubator.vector -XX:+UnlockDiagnosticVMOptions -XX:CompileCommand=quiet \
         -XX:CompileCommand=print,io.github.chainrule.kernel.VectorMatMulKernel::adjacentRows6x2 \
         -jar bench/target/benchmarks.jar W3MatMul -p n=512 -p impl=vector-1t -f 0 -wi 3 -i 3 > out.txt
    python3 bench/c2_loop_form.py out.txt

Each line: the compiled method, the number of FMAs in the loop, its instructions, and its stack accesses.
"""
import re
import subprocess
import sys
import tempfile


def machine_code(lines):
    """Returns the bytes of one nmethod's [MachCode] hex dump."""
    code = bytearray()
    for line in lines:
        m = re.match(r'\s*0x[0-9a-f]+: ((?:[0-9a-f]{4} ?\|? ?)+)', line)
        if m:
            code += bytes.fromhex(m.group(1).replace('|', '').replace(' ', ''))
    return bytes(code)


def loops(code, min_fmas):
    """Yields (fmas, instructions, stack accesses) for each backward branch's loop holding min_fmas FMAs."""
    with tempfile.NamedTemporaryFile(suffix='.bin') as f:
        f.write(code)
        f.flush()
        text = subprocess.run(['objdump', '-D', '-b', 'binary', '-mi386:x86-64', f.name],
                              capture_output=True, text=True, check=True).stdout
    insns = [(int(l.split(':')[0], 16), l) for l in text.split('\n') if re.match(r'\s*[0-9a-f]+:\s', l)]
    for at, line in insns:
        m = re.search(r'\tj[a-z]+\s+0x([0-9a-f]+)', line)
        if m and int(m.group(1), 16) < at:
            body = [l for a, l in insns if int(m.group(1), 16) <= a <= at]
            fmas = sum('vfmadd' in l for l in body)
            if fmas >= min_fmas and len(body) < 300:
                yield fmas, len(body), sum('rsp' in l for l in body)


def main():
    if len(sys.argv) < 2:
        sys.exit('usage: c2_loop_form.py JVM_OUTPUT [MIN_FMAS]')
    min_fmas = int(sys.argv[2]) if len(sys.argv) > 2 else 8
    text = open(sys.argv[1], errors='replace').read().split('\n')
    heads = [i for i, l in enumerate(text) if l.startswith('Compiled method (c2)')] + [len(text)]
    for start, end in zip(heads, heads[1:]):
        name = re.sub(r'\s+', ' ', text[start]).split(' 4 ', 1)[-1]
        for fmas, count, stack in loops(machine_code(text[start + 1:end]), min_fmas):
            print(f'{name}: {fmas} FMAs, {count} instructions a step, {stack} on the stack')


if __name__ == '__main__':
    main()
