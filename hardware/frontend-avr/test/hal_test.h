#ifndef HAL_TEST_H
#define HAL_TEST_H

#include <stddef.h>
#include <stdint.h>

#include "hal.h"

#define TEST_TX_CAPACITY (1u << 20)
#define TEST_RX_CAPACITY 4096u

extern uint8_t test_tx[TEST_TX_CAPACITY];
extern size_t test_tx_len;
extern int test_irq_depth;

/* Queues bytes for the device's hal_rx(). */
void test_host_send(const uint8_t *bytes, size_t n);
void test_hal_reset(void);

#endif
