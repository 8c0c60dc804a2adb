"""Name lists for synthetic staff. Common English first names and surnames, so that a
generated person looks ordinary and matches nobody in particular."""

FIRST_NAMES = (
    "Aisha Alex Amelia Amir Anna Ben Beth Callum Chloe Chris Claire Daniel David Deborah Ella Emma Faisal "
    "Fatima Gemma George Grace Hannah Harry Helen Imran Isla Jack Jade James Jasmine Jen Joe John Kate Kieran "
    "Laura Leah Liam Lucy Mark Martin Megan Mohammed Nadia Naomi Nathan Neil Nicola Olivia Omar Paul Priya "
    "Rachel Rebecca Richard Rosie Ruth Ryan Sam Sarah Sean Sophie Stephen Tom Una Victoria Will Yusuf Zara"
).split()

LAST_NAMES = (
    "Ahmed Ali Allen Bailey Baker Begum Bell Bennett Brown Campbell Carter Clarke Cooper Davies Edwards Evans "
    "Fisher Foster Green Griffiths Hall Harris Hill Hughes Hussain Jackson James Johnson Jones Kaur Khan King "
    "Lee Lewis Marshall Martin Mitchell Moore Morgan Morris Murphy Nelson Owen Parker Patel Phillips Price "
    "Roberts Robinson Rogers Scott Shah Singh Smith Stewart Taylor Thomas Thompson Turner Walker Ward Watson "
    "White Wilkinson Williams Wilson Wood Wright Young"
).split()
