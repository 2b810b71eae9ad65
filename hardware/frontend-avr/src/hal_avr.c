/* Hardware layer for the ATmega328P (Arduino Uno/Nano, 16 MHz): UART0, ADC0 sampled on Timer1,
 * STEP/DIR/EN for an A4988, the home switch, the boot id. The protocol and sampling logic are in the
 * portable core (device.c and below).
 *
 * Pins: ADC0 (A0) load voltage through the bias network; STEP = PD2 (D2), DIR = PD3 (D3),
 * /EN = PD4 (D4, low = enabled), home/limit switch = PD5 (D5, active low, internal pull-up).
 *
 * Sampling: Timer1 in CTC mode (TOP = OCR1A) at FW_SAMPLE_RATE_HZ; OCR1B = OCR1A, and the ADC is
 * auto-triggered by Timer1 compare match B (ADTS = 101), so on the chip each conversion starts on the
 * timer's clock edge, jitter-free. The compare-B interrupt is enabled: it clears OCF1B (without that
 * the next compare would not trigger again) and writes ADSC. On the chip that write does nothing (the
 * trigger already started the conversion); simavr 1.6 does not implement the Timer1 trigger source
 * ("ADC: unimplemented auto trigger mode"), and there the write is what starts the conversion, a few
 * cycles after the compare. The ADC interrupt hands the code to the core, which stores it, counts it
 * and runs the move state machine; a step is pulsed on STEP right there, before the next sample.
 *
 * UART0: 1 000 000 baud (U2X, UBRR = 1, exact at 16 MHz), 8N1; receive and transmit rings served by
 * the RX-complete and data-register-empty interrupts. */
#include <avr/eeprom.h>
#include <avr/interrupt.h>
#include <avr/io.h>
#include <stdbool.h>
#include <stdint.h>

#include "device.h"
#include "hal.h"

#ifndef F_CPU
#error "F_CPU must be defined (16000000UL)"
#endif
#if F_CPU % FW_SAMPLE_RATE_HZ != 0
#error "F_CPU / FW_SAMPLE_RATE_HZ must be whole"
#endif
#if F_CPU / FW_SAMPLE_RATE_HZ > 65536UL
#error "FW_SAMPLE_RATE_HZ too low for Timer1 without a prescaler (at least 245 Hz at 16 MHz)"
#endif
/* ADC clock F_CPU / 32 = 500 kHz; an auto-triggered conversion takes 13.5 ADC clocks (27 µs). */
#define ADC_PRESCALER_BITS (_BV(ADPS2) | _BV(ADPS0))
#define ADC_MAX_RATE_HZ (F_CPU / 32UL * 2UL / 27UL)
#if FW_SAMPLE_RATE_HZ > ADC_MAX_RATE_HZ
#error "FW_SAMPLE_RATE_HZ above what the ADC converts at F_CPU / 32 (13.5 ADC clocks per sample)"
#endif
#if FW_STEP_DIVIDER > 255
#error "FW_STEP_DIVIDER must fit in 8 bits"
#endif

#define STEP_BIT _BV(PD2)
#define DIR_BIT _BV(PD3)
#define EN_BIT _BV(PD4)
#define SWITCH_BIT _BV(PD5)

#define RX_SIZE 64u   /* power of two */
#define TX_SIZE 256u  /* 8-bit indices wrap by themselves */

static fw_device_t dev;

static volatile uint8_t rx_ring[RX_SIZE];
static volatile uint8_t rx_head, rx_tail;
static volatile uint8_t rx_overflows;
static volatile uint8_t tx_ring[TX_SIZE];
static volatile uint8_t tx_head, tx_tail;

#define ADCSRA_RUN (_BV(ADEN) | _BV(ADATE) | _BV(ADIE) | ADC_PRESCALER_BITS)

uint8_t hal_irq_save(void) {
    uint8_t s = SREG;
    cli();
    return s;
}

void hal_irq_restore(uint8_t state) {
    __asm__ __volatile__("" ::: "memory"); /* the section's accesses stay before the unmask */
    SREG = state;
}

void hal_tx(const uint8_t *bytes, uint16_t n) {
    for (uint16_t i = 0; i < n; i++) {
        uint8_t next = (uint8_t)(tx_head + 1u);
        while (next == tx_tail) {
            /* The UART drains the ring at 100 kB/s: at most 2.6 ms. */
        }
        tx_ring[tx_head] = bytes[i];
        tx_head = next;
        UCSR0B |= _BV(UDRIE0);
    }
}

int16_t hal_rx(void) {
    uint8_t t = rx_tail;
    if (t == rx_head) {
        return -1;
    }
    uint8_t c = rx_ring[t];
    rx_tail = (uint8_t)((t + 1u) & (RX_SIZE - 1u));
    return c;
}

ISR(USART_RX_vect) {
    uint8_t c = UDR0;
    uint8_t h = rx_head;
    uint8_t next = (uint8_t)((h + 1u) & (RX_SIZE - 1u));
    if (next == rx_tail) {
        rx_overflows++; /* the decoder resynchronises on what follows */
        return;
    }
    rx_ring[h] = c;
    rx_head = next;
}

ISR(USART_UDRE_vect) {
    uint8_t t = tx_tail;
    if (t == tx_head) {
        UCSR0B &= (uint8_t)~_BV(UDRIE0);
        return;
    }
    UDR0 = tx_ring[t];
    tx_tail = (uint8_t)(t + 1u);
}

ISR(TIMER1_COMPB_vect) {
    ADCSRA = ADCSRA_RUN | _BV(ADSC); /* see the file comment: a no-op on the chip, the trigger in simavr */
}

ISR(ADC_vect) {
    uint16_t code = ADC;
    bool switch_closed = (PIND & SWITCH_BIT) == 0;
    int8_t step = fw_device_sample(&dev, code, switch_closed);
    if (step != 0) {
        if (step > 0) {
            PORTD |= DIR_BIT;
        } else {
            PORTD &= (uint8_t)~DIR_BIT;
        }
        /* A4988: DIR set up 200 ns before the STEP edge, STEP high and low at least 1 µs each. */
        __builtin_avr_delay_cycles(4);
        PORTD |= STEP_BIT;
        __builtin_avr_delay_cycles(F_CPU / 1000000UL * 2UL);
        PORTD &= (uint8_t)~STEP_BIT;
    }
}

/* A number that changes at every power-up: a counter in EEPROM bytes 0..3, incremented at boot
 * (erased EEPROM reads 0xFFFFFFFF, so the first boot id is 0). 100 000 erase/write cycles are
 * guaranteed per cell: 100 000 power-ups. */
static uint32_t next_boot_id(void) {
    uint32_t id = eeprom_read_dword((uint32_t *)0) + 1u;
    eeprom_write_dword((uint32_t *)0, id);
    return id;
}

int main(void) {
    DDRD |= STEP_BIT | DIR_BIT | EN_BIT;
    PORTD &= (uint8_t)~(STEP_BIT | DIR_BIT | EN_BIT); /* driver enabled, holding torque from boot */
    DDRD &= (uint8_t)~SWITCH_BIT;
    PORTD |= SWITCH_BIT;                             /* pull-up: the switch closes to ground */

    fw_settings_t s = {
        .sample_rate_hz = FW_SAMPLE_RATE_HZ,
        .full_scale_uv = FW_FULL_SCALE_UV,
        .min_position = FW_MIN_POSITION,
        .max_position = FW_MAX_POSITION,
        .initial_position = FW_INITIAL_POSITION,
        .step_divider = FW_STEP_DIVIDER,
        .boot_id = next_boot_id(),
    };
    fw_device_init(&dev, &s);

    UCSR0A = _BV(U2X0);            /* before UBRR: the baud rate is 16 MHz / (8 · (UBRR + 1)) */
    UBRR0H = 0;
    UBRR0L = 1;
    UCSR0C = _BV(UCSZ01) | _BV(UCSZ00);
    UCSR0B = _BV(RXEN0) | _BV(TXEN0) | _BV(RXCIE0);

    ADMUX = _BV(REFS0);            /* AVCC reference, ADC0, right-adjusted */
    DIDR0 = _BV(ADC0D);
    ADCSRB = _BV(ADTS2) | _BV(ADTS0); /* auto trigger: Timer1 compare match B */
    ADCSRA = ADCSRA_RUN;

    OCR1A = (uint16_t)(F_CPU / FW_SAMPLE_RATE_HZ - 1u);
    OCR1B = (uint16_t)(F_CPU / FW_SAMPLE_RATE_HZ - 1u);
    TIFR1 = _BV(OCF1B);
    TIMSK1 = _BV(OCIE1B);
    TCCR1A = 0;
    TCCR1B = _BV(WGM12) | _BV(CS10); /* CTC, TOP = OCR1A, no prescaler */

    sei();
    for (;;) {
        fw_device_poll(&dev);
    }
}
