/* Smoke test of the AVR binary (build/frontend.elf) in simavr, without a pty or physics: the ADC
 * input is a sine computed here, the UART bytes go through the core's own decoder, the STEP/DIR pins
 * are counted. Checks the handshake, that every sample the firmware sends is the code of the voltage
 * given at that conversion (none lost, none shifted), the sample rate in simulated time, a MOVE's
 * steps and its ACK's effective index, and the home switch. The full closed loop (pty, Java physics)
 * is the simavr harness in ../sim.
 *
 * usage: simavr_smoke build/frontend.elf [simulated seconds of streaming, default 1] */
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <simavr/avr_adc.h>
#include <simavr/avr_ioport.h>
#include <simavr/avr_uart.h>
#include <simavr/sim_avr.h>
#include <simavr/sim_elf.h>
#include <simavr/sim_interrupts.h>

#include "protocol.h"

#define F_HZ 16000000.0
#define MAX_SAMPLES 2000000u

static avr_t *avr;
static int failures;
static uint16_t *fed;          /* the code the ADC must give for conversion k */
static uint32_t conversions;   /* conversions started */
static uint8_t dec_buf[FW_MAX_FRAME_BYTES];
static fw_decoder_t dec;
static uint64_t uart_bytes;
static int steps_up, steps_down;
static uint32_t conversions_at_last_step;
static bool dir_high;

static uint32_t frames_info, frames_samples, frames_ack, frames_nak, next_expected;
static bool first_samples = true, samples_contiguous = true, codes_match = true;
static uint8_t last_info[36], last_ack[10], last_nak[3];

#define CHECK(cond, ...) do { \
        printf("%s ", (cond) ? "ok  " : "FAIL"); printf(__VA_ARGS__); printf("\n"); \
        if (!(cond)) failures++; \
    } while (0)

static void on_adc_start(struct avr_irq_t *irq, uint32_t value, void *param) {
    (void)irq; (void)value; (void)param;
    double t = (double)avr->cycle / F_HZ;
    uint32_t mv = (uint32_t)lround(2500.0 + 2000.0 * sin(2 * M_PI * 1000.0 * t + 0.3)
                                   + 300.0 * sin(2 * M_PI * 37.0 * t));
    if (conversions < MAX_SAMPLES) {
        fed[conversions] = (uint16_t)(mv * 0x3FFu / 5000u); /* simavr's transfer: mV · 1023 / AVCC */
    }
    conversions++;
    avr_raise_irq(avr_io_getirq(avr, AVR_IOCTL_ADC_GETIRQ, ADC_IRQ_ADC0), mv);
}

static void on_frame(void *ctx, const fw_frame_t *f) {
    (void)ctx;
    switch (f->type) {
    case FW_TYPE_INFO:
        frames_info++;
        memcpy(last_info, f->payload, 36);
        first_samples = true;
        break;
    case FW_TYPE_ACK: frames_ack++; memcpy(last_ack, f->payload, 10); break;
    case FW_TYPE_NAK: frames_nak++; memcpy(last_nak, f->payload, 3); break;
    case FW_TYPE_SAMPLES12: {
        frames_samples++;
        uint32_t first = fw_get_u32(f->payload);
        uint16_t n = (uint16_t)((f->length - 4) / 3 * 2);
        uint16_t codes[1024];
        fw_unpack12(codes, f->payload + 4, n);
        if (first_samples) {
            first_samples = false;
            next_expected = fw_get_u32(last_info + 32);
        }
        if (first != next_expected) {
            samples_contiguous = false;
        }
        next_expected = first + n;
        for (uint16_t k = 0; k < n; k++) {
            if (first + k < MAX_SAMPLES && codes[k] != fed[first + k]) {
                if (codes_match) {
                    printf("     sample %u: code %u, fed %u\n", first + k, codes[k], fed[first + k]);
                }
                codes_match = false;
            }
        }
        break;
    }
    default:
        break;
    }
}

static void on_uart_out(struct avr_irq_t *irq, uint32_t value, void *param) {
    (void)irq; (void)param;
    uart_bytes++;
    fw_decoder_push(&dec, (uint8_t)value, on_frame, NULL);
}

static void on_step(struct avr_irq_t *irq, uint32_t value, void *param) {
    (void)param;
    if (value && !irq->value) { /* rising edge */
        if (dir_high) steps_up++; else steps_down++;
        conversions_at_last_step = conversions;
    }
}

static void on_dir(struct avr_irq_t *irq, uint32_t value, void *param) {
    (void)irq; (void)param;
    dir_high = value != 0;
}

/* Time spent in each interrupt handler (vector numbers of the ATmega328P). */
typedef struct { const char *name; int vector; avr_cycle_count_t entered, total, longest; uint64_t calls; } isr_t;
static isr_t isrs[] = {{"TIMER1_COMPB", 12, 0, 0, 0, 0}, {"USART_RX", 18, 0, 0, 0, 0},
                       {"USART_UDRE", 19, 0, 0, 0, 0}, {"ADC", 21, 0, 0, 0, 0}};

static void on_isr(struct avr_irq_t *irq, uint32_t value, void *param) {
    (void)irq;
    isr_t *i = param;
    if (value) {
        i->entered = avr->cycle;
    } else if (i->entered) {
        avr_cycle_count_t d = avr->cycle - i->entered;
        i->total += d;
        i->calls++;
        if (d > i->longest) i->longest = d;
    }
}

static void run_for(double seconds) {
    avr_cycle_count_t end = avr->cycle + (avr_cycle_count_t)(seconds * F_HZ);
    while (avr->cycle < end) {
        int state = avr_run(avr);
        if (state == cpu_Done || state == cpu_Crashed) {
            printf("FAIL the AVR stopped (state %d)\n", state);
            exit(1);
        }
    }
}

static void host_send(uint8_t type, uint32_t seq, const uint8_t *payload, uint16_t n) {
    uint8_t f[32];
    uint16_t len = fw_encode_frame(f, type, seq, payload, n);
    avr_irq_t *in = avr_io_getirq(avr, AVR_IOCTL_UART_GETIRQ('0'), UART_IRQ_INPUT);
    for (uint16_t i = 0; i < len; i++) {
        avr_raise_irq(in, f[i]);
    }
}

static void send_move(uint16_t id, int32_t target) {
    uint8_t p[6];
    fw_put_u16(p, id);
    fw_put_u32(p + 2, (uint32_t)target);
    host_send(FW_TYPE_MOVE, 1, p, 6);
}

int main(int argc, char **argv) {
    if (argc < 2) {
        fprintf(stderr, "usage: simavr_smoke frontend.elf [seconds]\n");
        return 2;
    }
    double stream_seconds = argc > 2 ? atof(argv[2]) : 1.0;
    fed = calloc(MAX_SAMPLES, sizeof *fed);
    fw_decoder_init(&dec, dec_buf, sizeof dec_buf, FW_DECODE_ALL_TYPES);

    elf_firmware_t fw;
    memset(&fw, 0, sizeof fw);
    if (elf_read_firmware(argv[1], &fw) != 0) {
        fprintf(stderr, "cannot read %s\n", argv[1]);
        return 2;
    }
    avr = avr_make_mcu_by_name("atmega328p");
    avr_init(avr);
    fw.frequency = (uint32_t)F_HZ;
    avr_load_firmware(avr, &fw);
    avr->frequency = (uint32_t)F_HZ;
    avr->vcc = avr->avcc = avr->aref = 5000;

    uint32_t flags = 0;
    avr_ioctl(avr, AVR_IOCTL_UART_GET_FLAGS('0'), &flags);
    flags &= ~(uint32_t)(AVR_UART_FLAG_STDIO | AVR_UART_FLAG_POLL_SLEEP); /* no console, no usleep while polled */
    avr_ioctl(avr, AVR_IOCTL_UART_SET_FLAGS('0'), &flags);
    avr_irq_register_notify(avr_io_getirq(avr, AVR_IOCTL_UART_GETIRQ('0'), UART_IRQ_OUTPUT), on_uart_out, NULL);
    avr_irq_register_notify(avr_io_getirq(avr, AVR_IOCTL_ADC_GETIRQ, ADC_IRQ_OUT_TRIGGER), on_adc_start, NULL);
    avr_irq_register_notify(avr_io_getirq(avr, AVR_IOCTL_IOPORT_GETIRQ('D'), 2), on_step, NULL);
    avr_irq_register_notify(avr_io_getirq(avr, AVR_IOCTL_IOPORT_GETIRQ('D'), 3), on_dir, NULL);
    for (size_t i = 0; i < sizeof isrs / sizeof isrs[0]; i++) {
        avr_irq_register_notify(avr_get_interrupt_irq(avr, (uint8_t)isrs[i].vector) + AVR_INT_IRQ_RUNNING,
                                on_isr, &isrs[i]);
    }
    avr_irq_t *home = avr_io_getirq(avr, AVR_IOCTL_IOPORT_GETIRQ('D'), 5);
    avr_raise_irq(home, 1); /* the switch is open: the pin reads high (simavr does not model the pull-up) */

    run_for(0.1);
    CHECK(uart_bytes == 0, "silent before HELLO (%llu bytes in 0.1 s)", (unsigned long long)uart_bytes);
    CHECK(conversions > 0, "sampling from boot: %u conversions in 0.1 s", conversions);

    uint8_t v = 2;
    host_send(FW_TYPE_HELLO, 0, &v, 1);
    run_for(0.01);
    CHECK(frames_info == 1, "HELLO(2) -> INFO");
    CHECK(last_info[0] == 2 && last_info[1] == 1 && last_info[4] == 10 && last_info[5] == 0x85
          && fw_get_u16(last_info + 6) == 64 && fw_get_u32(last_info + 12) == 3300000
          && (int32_t)fw_get_u32(last_info + 24) == 2000,
          "INFO: v2, firmware 1.x, 10-bit SAMPLES12 of 64, %u S/s, 3.3 V, position 2000",
          fw_get_u32(last_info + 8));
    double nominal = fw_get_u32(last_info + 8);
    printf("     boot id %u, next sample index %u\n", fw_get_u32(last_info + 28), fw_get_u32(last_info + 32));

    uint32_t samples_before = frames_samples;
    uint32_t conv_before = conversions;
    avr_cycle_count_t c0 = avr->cycle;
    for (size_t i = 0; i < sizeof isrs / sizeof isrs[0]; i++) {
        isrs[i].total = isrs[i].longest = isrs[i].calls = 0; /* the streaming window only */
    }
    uint64_t bytes_before = uart_bytes;
    run_for(stream_seconds);
    double sim_s = (double)(avr->cycle - c0) / F_HZ;
    double rate = (double)(conversions - conv_before) / sim_s;
    double sent_rate = 64.0 * (frames_samples - samples_before) / sim_s;
    CHECK(fabs(rate - nominal) < nominal * 1e-3, "sample rate %.1f S/s in simulated time", rate);
    CHECK(fabs(sent_rate - rate) < rate * 0.01, "samples sent %.1f S/s (%u frames)", sent_rate,
          frames_samples - samples_before);
    CHECK(samples_contiguous, "sample indices contiguous from INFO's next index");
    CHECK(codes_match, "every sample's code is the voltage given at that conversion");
    printf("     UART %.0f bytes/s of 100000\n", (double)(uart_bytes - bytes_before) / sim_s);
    double busy = 0;
    for (size_t i = 0; i < sizeof isrs / sizeof isrs[0]; i++) {
        isr_t *r = &isrs[i];
        double share = (double)r->total / (double)(avr->cycle - c0);
        busy += share;
        printf("     %-12s %8llu calls, mean %5.1f cycles, longest %4llu cycles (entry to reti), %4.1f %% of the CPU\n",
               r->name, (unsigned long long)r->calls, r->calls ? (double)r->total / (double)r->calls : 0.0,
               (unsigned long long)r->longest, 100 * share);
    }
    printf("     interrupts %.1f %% of the CPU while streaming; the main loop has the rest\n", 100 * busy);

    send_move(1, 2100);
    run_for(0.05);
    CHECK(frames_ack == 1 && fw_get_u16(last_ack) == 1 && (int32_t)fw_get_u32(last_ack + 2) == 2100,
          "MOVE(1, 2100) -> ACK(1, 2100)");
    CHECK(steps_up == 100 && steps_down == 0, "100 steps with DIR high (%d up, %d down)", steps_up, steps_down);
    CHECK(fw_get_u32(last_ack + 6) == conversions_at_last_step,
          "effective index %u = conversions started before the last step %u", fw_get_u32(last_ack + 6),
          conversions_at_last_step);

    send_move(2, 2000);
    run_for(0.05);
    CHECK(frames_ack == 2 && steps_down == 100, "MOVE(2, 2000) -> ACK, 100 steps down");
    avr_raise_irq(home, 0); /* the home switch closes */
    send_move(3, 1000);
    run_for(0.05);
    CHECK(frames_nak == 1 && fw_get_u16(last_nak) == 3 && last_nak[2] == FW_NAK_ACTUATOR_FAULT && steps_down == 100,
          "switch closed: MOVE(3, 1000) -> NAK(3, ACTUATOR_FAULT), no step");
    send_move(4, 10001);
    run_for(0.01);
    CHECK(frames_nak == 2 && last_nak[2] == FW_NAK_OUT_OF_RANGE, "MOVE(4, 10001) -> NAK(OUT_OF_RANGE)");
    CHECK(samples_contiguous && codes_match, "still contiguous and exact after the moves");
    CHECK(dec.counts.bad_crc + dec.counts.bad_length + dec.counts.bad_type + dec.counts.bad_version == 0,
          "no damaged frame");
    printf("%d failed\n", failures);
    return failures ? 1 : 0;
}
