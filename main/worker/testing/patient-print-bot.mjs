// A test bot that prints synthetic patient identifiers (a valid NHS number, a date of birth next to
// its label, a postcode, an email) and an order number that fails the NHS check digit, then exits 0.
console.log('Patient 943 476 5919, DOB: 31/01/1970, LS1 4AP, jane@example.org');
console.error('Order 943 476 5918 done for 943 476 5919');
