package org.resonantlearner.hal.pi4j;

import org.resonantlearner.hal.contract.SampleSourceContract;

/** The {@link SampleSourceContract} on an MCP3208 (12-bit codes from a mock Spi: the ends, mid-scale, two others). */
class Mcp3208SampleSourceContractTest extends SampleSourceContract {
    @Override
    protected SourceFixture createSource() {
        return Mcp3x08Contracts.source(Mcp3x08Model.MCP3208, 4095, 0, 4095, 2048, 0xABC, 7);
    }
}
