/* A hardware layer for the unit tests: what the device sends is kept in a buffer, what it receives
 * comes from a queue the test fills. */
#include "hal_test.h"

#include <string.h>

uint8_t test_tx[TEST_TX_CAPACITY];
size_t test_tx_len;
static uint8_t rx[TEST_RX_CAPACITY];
static size_t rx_len, rx_pos;
int test_irq_depth;

void hal_tx(const uint8_t *bytes, uint16_t n) {
    if (test_tx_len + n <= sizeof test_tx) {
        memcpy(test_tx + test_tx_len, bytes, n);
        test_tx_len += n;
    }
}

int16_t hal_rx(void) {
    return rx_pos < rx_len ? rx[rx_pos++] : -1;
}

uint8_t hal_irq_save(void) {
    return (uint8_t)test_irq_depth++;
}

void hal_irq_restore(uint8_t state) {
    test_irq_depth = state;
}

void test_host_send(const uint8_t *bytes, size_t n) {
    if (rx_pos == rx_len) {
        rx_pos = rx_len = 0;
    }
    memcpy(rx + rx_len, bytes, n);
    rx_len += n;
}

void test_hal_reset(void) {
    test_tx_len = 0;
    rx_len = rx_pos = 0;
    test_irq_depth = 0;
}
