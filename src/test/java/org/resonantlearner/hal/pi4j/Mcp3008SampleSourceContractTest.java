package org.resonantlearner.hal.pi4j;

import org.resonantlearner.hal.SampleSource;
import org.resonantlearner.hal.contract.SampleSourceContract;

/** The {@link SampleSourceContract} on an MCP3008 (10-bit codes from a mock Spi). */
class Mcp3008SampleSourceContractTest extends SampleSourceContract {
    @Override
    protected SampleSource createSource() {
        return Mcp3x08Contracts.source(Mcp3x08Model.MCP3008, 0, 1023, 512, 100, 900);
    }
}
