// GIFT written by hand or by other tools (no coursebot comment): every GIFT form coursebot has a
// type for is read with its answer key; what has no type is skipped with a warning.
import { describe, expect, it } from "vitest";
import { importGift } from "../../src/content-formats/gift-import";

const FILE = `// A quiz as a teacher might write it in a text editor.
$CATEGORY: $course$/Networking

::Ports:: [html]<p>Which port does <b>HTTPS</b> use by default?</p> {
=443#Yes.
~80#That is plain HTTP.
~22#That is SSH.
####TLS on port 443.
}

::Safe methods:: Which HTTP methods are safe? {
~%50%GET
~%50%HEAD
~%-100%POST#POST changes state.
}

::TCP:: TCP guarantees in-order delivery. {T}

::Range:: How many bits in an IPv4 address? {#30..34}

::Layers:: Match each protocol with its layer. {
=HTTP -> application
=TCP -> transport
=IP -> network
= -> physical
}

::Essay:: Explain the TCP handshake. {}
`;

describe("GIFT from elsewhere", () => {
  const imp = importGift(FILE, "en", "net.gift");
  const [ports, safe, tcp, range, layers] = imp.questions;

  it("reads each type and its answer key", () => {
    expect(imp.questions.map((q) => q.type)).toEqual([
      "single",
      "multiple",
      "true-false",
      "numeric",
      "matching",
    ]);
    expect(ports).toMatchObject({ id: "ports", lesson: "networking", answer: "a" });
    expect(ports.prompt.en).toBe("Which port does HTTPS use by default?");
    expect(ports.explanation.en).toBe("TLS on port 443.");
    expect(safe).toMatchObject({ answer: ["a", "b"], scoring: "partial" });
    expect(tcp).toMatchObject({ answer: true });
    expect(range).toMatchObject({ answer: { value: 32, unit: "" } });
    if (range.type === "numeric") expect(range.tolerance).toBeCloseTo(2 / 32, 6);
    if (layers.type === "matching") {
      expect(layers.left.map((l) => l.text.en)).toEqual(["HTTP", "TCP", "IP"]);
      expect(layers.right.map((r) => r.text.en)).toEqual([
        "application",
        "transport",
        "network",
        "physical",
      ]);
      expect(layers.answer).toEqual({ a: "r1", b: "r2", c: "r3" });
    }
  });

  it("skips the essay and lists what it filled in", () => {
    expect(imp.warnings.join("\n")).toMatch(
      /Essay.*Essay questions have no coursebot type; skipped/,
    );
    expect(imp.warnings.join("\n")).toMatch(/\(Ports\): filled in hints/);
    expect(ports.hints[0].en).toMatch(/^It is not "/);
  });
});
