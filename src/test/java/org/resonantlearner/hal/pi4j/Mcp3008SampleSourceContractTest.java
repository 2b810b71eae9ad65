package org.resonantlearner.hal.pi4j;

import org.resonantlearner.hal.contract.SampleSourceContract;

/** The {@link SampleSourceContract} on an MCP3008 (10-bit codes from a mock Spi: the ends, mid-scale, two others). */
class Mcp3008SampleSourceContractTest extends SampleSourceContract {
    @Override
    protected SourceFixture createSource() {
        return Mcp3x08Contracts.source(Mcp3x08Model.MCP3008, 1023, 0, 1023, 512, 100, 900);
    }
}
